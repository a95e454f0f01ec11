"""What to do first and how we will know it worked: the priority matrix and the KPI chart.

:func:`priority_matrix` puts every insight on impact × effort. Ratings are whole numbers, so
many insights share a square: they are stacked in it, highest priority on top, each with
its label beside it, wrapped shorter the fuller the square is, so labels do not run into
each other. :func:`kpi_targets` draws each action's KPI from its baseline to its target.

Both are drawn in two parts, a frame and the data on it; :class:`LivePriorityMatrix` and
:class:`LiveKpiTargets` keep the frame of a form's chart and redraw only the data after
each change (see :mod:`.live`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..i18n import _, current_language, format_number
from ..model import Action, Insight, InsightKind
from ..priorities import (HIGH, KIND_LABELS, QUADRANT_LABELS, Quadrant, by_priority,
                           vote_label)
from .live import LiveFigure
from .style import (FONT_SIZE, FORM_DPI, GRID, INK, MUTED, PALETTE, SMALLEST_TEXT, new_figure,
                    shortened, tidy)

#: Colour and marker of each kind of insight: never colour alone.
KIND_STYLE = {InsightKind.PAIN_POINT: (PALETTE[5], "o"),
              InsightKind.OPPORTUNITY: (PALETTE[0], "D")}
LABEL_SIZE = SMALLEST_TEXT
# the part of a square (in rating units) the stacked markers of one square share
_STACK = 0.78
# most insights shown in one square; the rest are counted in a "+ n more" line
_PER_SQUARE = 4
_MATRIX_SIZE = (9.4, 6.6)
_KPI_WIDTH = 9.0
_KPI_LEFT, _KPI_TOP, _KPI_BOTTOM, _KPI_ROW = 2.7, 0.45, 0.45, 0.62  # inches
_TRACK = 0.9  # length of a KPI row's track, in axes units (the numbers follow it)
_HEAD = 0.025  # room kept for an arrow head before the target, in axes units
_LABEL_GAP = 0.09  # between a marker's centre and its label, in rating units
# points per rating unit on the vertical axis, for marker sizes that fit their stack
_POINTS_PER_UNIT = 0.74 * _MATRIX_SIZE[1] * 72 / 5.8


@dataclass(frozen=True)
class MatrixPoint:
    """Where one insight is drawn, and with which label."""

    insight: Insight
    rank: int
    x: float
    y: float
    size: float
    label: str


@dataclass(frozen=True)
class Overflow:
    """The insights of a full square that are not drawn, counted where the next would be."""

    x: float
    y: float
    count: int


def _at_form_dpi(figure: Figure) -> Figure:
    figure.set_dpi(FORM_DPI)
    return figure


def matrix_points(insights: Sequence[Insight]) -> tuple[list[MatrixPoint], list[Overflow]]:
    """Where each insight goes on the matrix, and the squares too full to show them all.

    Within a square the insights are stacked highest priority first; at most
    ``_PER_SQUARE`` are shown, and a last line counts the rest.
    """
    squares: dict[tuple[int, int], list] = defaultdict(list)
    for ranked in by_priority(insights):
        squares[(ranked.insight.effort, ranked.insight.impact)].append(ranked)
    most = max((i.votes for i in insights), default=0)
    points: list[MatrixPoint] = []
    overflow: list[Overflow] = []
    for (effort, impact), ranked in squares.items():
        shown = ranked[:_PER_SQUARE]
        slots = len(shown) + (1 if len(ranked) > len(shown) else 0)
        step = _STACK / slots
        x = effort - 0.33
        top = impact + _STACK / 2
        # the fuller the square, the fewer lines a label may take
        lines = 3 if slots == 1 else 2 if slots == 2 else 1
        largest = min(15.0, step * _POINTS_PER_UNIT * 0.85)  # marker diameter, points
        for n, item in enumerate(shown):
            share = item.insight.votes / most if most else 0
            diameter = largest * (0.55 + 0.45 * share)
            points.append(MatrixPoint(
                item.insight, item.rank, x, top - step * (n + 0.5), diameter ** 2,
                shortened(vote_label(item.insight.votes, item.insight.title), width=20,
                     lines=lines)))
        if len(ranked) > len(shown):
            overflow.append(Overflow(x, top - step * (slots - 0.5), len(ranked) - len(shown)))
    return points, overflow


def draw_matrix_frame(figure: Figure) -> Axes:
    """The axes, quadrants and legend of the matrix: all that does not depend on the data."""
    axes = figure.add_subplot()
    split = HIGH - 0.5
    axes.set_xlim(0.5, 5.55)
    axes.set_ylim(0.05, 5.95)
    # quick wins are what the room looks for first: the only shaded quadrant
    axes.add_patch(Rectangle((0.5, split), split - 0.5, 5.5 - split, color="#EAF4EC",
                             linewidth=0, zorder=0))
    axes.axvline(split, color=MUTED, linestyle="--", linewidth=1, zorder=1)
    axes.axhline(split, color=MUTED, linestyle="--", linewidth=1, zorder=1)
    for name, x, y in ((Quadrant.QUICK_WIN, 0.55, 5.72), (Quadrant.BIG_BET, split + 0.05, 5.72),
                       (Quadrant.FILL_IN, 0.55, 0.27), (Quadrant.MONEY_PIT, split + 0.05, 0.27)):
        axes.text(x, y, _(QUADRANT_LABELS[name]), ha="left", va="center", color=MUTED,
                  fontsize=FONT_SIZE + 1, fontweight="bold")
    axes.set_xticks(range(1, 6))
    axes.set_yticks(range(1, 6))
    axes.set_xlabel(_("Effort (1 = a few days, 5 = months of work)"), color=INK,
                    fontsize=FONT_SIZE)
    axes.set_ylabel(_("Impact (1 = hardly noticed, 5 = changes the journey)"), color=INK,
                    fontsize=FONT_SIZE)
    axes.set_title(_("Priority matrix: impact × effort"), color=INK, fontsize=FONT_SIZE + 1,
                   loc="left")
    tidy(axes)
    axes.grid(False)
    for edge in (1.5, 2.5, 4.5):  # faint square edges: which rating a stacked point has
        axes.axvline(edge, color=GRID, linewidth=0.6, zorder=0)
        axes.axhline(edge, color=GRID, linewidth=0.6, zorder=0)
    handles = [Line2D([], [], linestyle="", marker=marker, color=colour, markersize=7,
                      label=_(KIND_LABELS[kind]))
               for kind, (colour, marker) in KIND_STYLE.items()]
    handles.append(Line2D([], [], linestyle="", marker="^", color=MUTED, markersize=7,
                          label=_("votes (larger marker: more votes)")))
    figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False,
                  fontsize=FONT_SIZE)
    return axes


def draw_matrix_points(axes: Axes, insights: Sequence[Insight]) -> list[Artist]:
    """Every insight on ``axes`` (from :func:`draw_matrix_frame`); returns what was drawn."""
    if not insights:
        return [axes.text(3, 3, _("No insights yet: add them above."), ha="center",
                          va="center", color=MUTED, fontsize=FONT_SIZE + 1)]
    artists: list[Artist] = []
    points, overflow = matrix_points(insights)
    for kind, (colour, marker) in KIND_STYLE.items():
        mine = [p for p in points if p.insight.kind == kind]
        if mine:
            artists.append(axes.scatter(
                [p.x for p in mine], [p.y for p in mine], s=[p.size for p in mine], c=colour,
                marker=marker, edgecolors="white", linewidths=0.8, zorder=3,
                label=_(KIND_LABELS[kind])))
    artists += [axes.text(point.x + _LABEL_GAP, point.y, point.label, ha="left", va="center",
                          color=INK, fontsize=LABEL_SIZE, linespacing=1.0, zorder=4)
                for point in points]
    artists += [axes.text(more.x + _LABEL_GAP, more.y, _("+ {count} more", count=more.count),
                          ha="left", va="center", color=MUTED, fontsize=LABEL_SIZE, zorder=4)
                for more in overflow]
    return artists


def priority_matrix(insights: Sequence[Insight]) -> Figure:
    """Impact (up) against effort (right) with every insight labelled; quick wins top left.

    Marker shape and colour give the kind, marker size and the ``▲n`` before the label the
    votes; the four quadrants are named above and below the plot.
    """
    figure = new_figure(*_MATRIX_SIZE)
    draw_matrix_points(draw_matrix_frame(figure), insights)
    return figure


class LivePriorityMatrix:
    """:func:`priority_matrix` kept up to date cheaply: only the points are drawn again."""

    def __init__(self) -> None:
        self.live = LiveFigure(lambda: _at_form_dpi(new_figure(*_MATRIX_SIZE)))
        self._axes: Axes | None = None

    @property
    def figure(self) -> Figure | None:
        """The figure last drawn, for inspection."""
        return self.live.figure

    def png(self, insights: Sequence[Insight]) -> bytes:
        """The chart :func:`priority_matrix` draws for ``insights``, as PNG bytes."""
        def frame(figure: Figure) -> None:
            self._axes = draw_matrix_frame(figure)

        self.live.frame(current_language(), frame)
        self.live.data(draw_matrix_points(self._axes, insights))
        return self.live.png()


# -- the action plan -----------------------------------------------------------------------

def change_text(action: Action, missing: str = "?") -> str:
    """``3,4 → 4,3 points``: an action's baseline and target as the room writes numbers."""
    def number(value: float | None) -> str:
        return missing if value is None else format_number(value)

    text = _("{baseline} → {target}", baseline=number(action.baseline),
             target=number(action.target))
    return _("{value} {unit}", value=text, unit=action.unit) if action.unit else text


def kpi_rows(actions: Sequence[Action]) -> list[Action]:
    """The actions the KPI chart shows: those with a baseline or a target, in plan order."""
    return [a for a in actions if a.baseline is not None or a.target is not None]


def kpi_figure(rows: int) -> Figure:
    """An empty figure for a KPI chart of ``rows`` rows, laid out by hand.

    Every label is redrawn with the data, so the layout cannot depend on the labels: titles
    get a fixed margin instead, and are wrapped to fit it.
    """
    height = _KPI_TOP + _KPI_BOTTOM + _KPI_ROW * (max(rows, 1) + 0.2)
    figure = new_figure(_KPI_WIDTH, height)
    figure.set_layout_engine("none")
    figure.add_axes((_KPI_LEFT / _KPI_WIDTH, _KPI_BOTTOM / height,
                     1 - (_KPI_LEFT + 0.1) / _KPI_WIDTH, 1 - (_KPI_TOP + _KPI_BOTTOM) / height))
    return figure


def draw_kpi_frame(figure: Figure, rows: int) -> Axes:
    """Title, legend and ``rows`` empty tracks in a figure from :func:`kpi_figure`."""
    axes = figure.axes[0]
    figure.text(0.1 / _KPI_WIDTH, 1 - 0.12 / figure.get_figheight(),
                _("KPIs: from baseline to target"), ha="left", va="top", color=INK,
                fontsize=FONT_SIZE + 1)
    axes.set_axis_off()
    if not rows:
        axes.text(0.5, 0.5, _("No action has a baseline or a target yet."), ha="center",
                  va="center", color=MUTED, fontsize=FONT_SIZE, transform=figure.transFigure)
        return axes
    axes.set_xlim(-0.02, 1.4)
    axes.set_ylim(rows - 0.45, -0.65)
    axes.add_collection(LineCollection([[(0, row), (_TRACK, row)] for row in range(rows)],
                                       colors=GRID, linewidths=5, capstyle="round",
                                       zorder=1))

    handles = [Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor="white",
                      markeredgecolor=INK, label=_("baseline (today)")),
               Line2D([], [], linestyle="", marker="o", markersize=7, color=PALETTE[0],
                      label=_("target"))]
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=2,
                  frameon=False, fontsize=FONT_SIZE)
    return axes


def track_position(value: float, baseline: float | None, target: float | None) -> float:
    """Where ``value`` sits on a row's track: the row's scale runs from zero to its values."""
    values = [v for v in (baseline, target) if v is not None]
    low, high = min(0.0, *values), max(0.0, *values)
    return _TRACK * (value - low) / ((high - low) or 1.0)


def draw_kpi_data(axes: Axes, rows: Sequence[Action]) -> list[Artist]:
    """Each row's action, KPI, baseline, target, the arrow between them and the numbers.

    All rows share a handful of artists (one for the baselines, one for the targets …), so
    a plan of twenty actions redraws as quickly as one of three.
    """
    if not rows:
        return []
    nan = float("nan")
    starts, ends, shafts, zeros = [], [], [], []
    heads: dict[str, list[tuple[float, int]]] = {">": [], "<": []}
    artists: list[Artist] = []
    for row, action in enumerate(rows):
        def place(value: float | None, action: Action = action) -> float:
            return (nan if value is None
                    else track_position(value, action.baseline, action.target))

        start, end, zero = place(action.baseline), place(action.target), place(0.0)
        artists.append(axes.text(-0.03, row, shortened(action.title, width=26, lines=3),
                                 ha="right", va="center", color=INK, fontsize=FONT_SIZE,
                                 transform=axes.get_yaxis_transform()))
        artists.append(axes.text(0, row - 0.3, shortened(action.kpi or _("no KPI named"), width=60,
                                                    lines=1),
                                 ha="left", va="center", color=MUTED, fontsize=LABEL_SIZE))
        starts.append(start)
        ends.append(end)
        if 0 < zero < _TRACK:  # negative values: show where zero is
            zeros.append([(zero, row - 0.12), (zero, row + 0.12)])
        if not (math.isnan(start) or math.isnan(end)) and abs(end - start) > _HEAD:
            way = 1 if end > start else -1
            shafts.append([(start + way * _HEAD / 2, row), (end - way * _HEAD, row)])
            heads[">" if way > 0 else "<"].append((end - way * _HEAD, row))
        artists.append(axes.text(_TRACK + 0.05, row, change_text(action), ha="left",
                                 va="center", color=INK, fontsize=FONT_SIZE))
    positions = range(len(rows))
    artists.append(axes.add_collection(LineCollection(shafts, colors=PALETTE[0],
                                                      linewidths=1.8, zorder=2)))
    artists.append(axes.add_collection(LineCollection(zeros, colors=MUTED, linewidths=1,
                                                      zorder=1)))
    for marker, where in heads.items():
        artists += axes.plot([x for x, _r in where], [r for _x, r in where], marker=marker,
                             markersize=7, color=PALETTE[0], linestyle="", zorder=2)
    artists += axes.plot(starts, positions, marker="o", markersize=8, linestyle="",
                         markerfacecolor="white", markeredgecolor=INK, zorder=3)
    artists += axes.plot(ends, positions, marker="o", markersize=8, color=PALETTE[0],
                         linestyle="", zorder=3)
    return artists


def kpi_targets(actions: Sequence[Action]) -> Figure:
    """Each action's KPI from baseline (hollow circle) to target (filled), one row each.

    KPIs have different units, so each row has its own scale from zero to its larger value;
    the numbers are written at the end of the row. A missing baseline or target shows as
    ``?``. Actions with neither are left out (:func:`kpi_rows`).
    """
    rows = kpi_rows(actions)
    figure = kpi_figure(len(rows))
    draw_kpi_data(draw_kpi_frame(figure, len(rows)), rows)
    return figure


class LiveKpiTargets:
    """:func:`kpi_targets` kept up to date cheaply: the frame is drawn again only when the
    number of rows changes.

    Titles are part of the data, not of the frame: typing a title then costs what typing a
    target costs, instead of a whole new figure.
    """

    def __init__(self) -> None:
        self.live = LiveFigure(self._new_figure)
        self._rows = 0
        self._axes: Axes | None = None

    def _new_figure(self) -> Figure:
        return _at_form_dpi(kpi_figure(self._rows))

    @property
    def figure(self) -> Figure | None:
        """The figure last drawn, for inspection."""
        return self.live.figure

    def png(self, actions: Sequence[Action]) -> bytes:
        """The chart :func:`kpi_targets` draws for ``actions``, as PNG bytes."""
        rows = kpi_rows(actions)
        self._rows = len(rows)

        def frame(figure: Figure) -> None:
            self._axes = draw_kpi_frame(figure, len(rows))

        self.live.frame((current_language(), len(rows)), frame)
        self.live.data(draw_kpi_data(self._axes, rows))
        return self.live.png()
