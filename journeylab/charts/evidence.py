"""Charts of customer evidence: the room beside the customers, ratings per stage, months.

The room's curve is dashed with hollow circles, the customers' solid with filled squares
and their 95 % interval as whiskers, so the two never depend on colour alone; a stage where
the room is more optimistic than its customers is marked with a labelled arrow. Ratings per
stage are bars on the emotion scale with their interval and count; the monthly chart shows
the scale's headline figure with its interval band and, where the action plan has one, the
target as a labelled line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..i18n import _
from ..presets import EMOTIONS
from .emotions import scale_label
from .journey import line_height, text_width
from .live import LiveFigure
from .style import FONT_SIZE, FORM_DPI, INK, MUTED, PALETTE, new_figure, tidy, wrap

ROOM, CUSTOMERS = PALETTE[7], PALETTE[0]
_ROOM_STYLE = {"linestyle": "--", "marker": "o", "markerfacecolor": "white", "color": ROOM,
               "linewidth": 1.6}
# the room versus the customers, in inches: a panel, at least this much under it for the
# stage names and the next panel's title, the title above and the legend below
_WIDTH, _PANEL, _UNDER, _TOP, _LEGEND = 9.5, 2.6, 1.05, 0.45, 0.45
_TURN = 30  # degrees the stage names are turned by


def _emotion_axis(axes) -> None:
    scores = sorted(EMOTIONS)
    axes.set_ylim(-3.4, 3.4)
    axes.set_yticks(scores, [scale_label(s) for s in scores])
    axes.axhline(0, color=MUTED, linewidth=1.0, zorder=1)


def _whiskers(low: pd.Series, high: pd.Series, centre: pd.Series) -> np.ndarray:
    low = np.where(np.isnan(low), centre, low)
    high = np.where(np.isnan(high), centre, high)
    return np.vstack([np.asarray(centre) - low, high - np.asarray(centre)])


def _panels(table: pd.DataFrame) -> list[str | None]:
    return list(dict.fromkeys(table["persona"].tolist())) or [None]


def _rows_of(table: pd.DataFrame, persona: str | None, order: list[str]) -> pd.DataFrame:
    rows = table[table["persona"].isna()] if persona is None else \
        table[table["persona"] == persona]
    return rows.set_index("stage").reindex(order)


def _stage_names(stages: Sequence[tuple[str, str]]) -> list[str]:
    return [wrap(name, 14) for _id, name in stages]


def _title(persona: str) -> str:
    return wrap(persona, 42)


def _under(stages: Sequence[tuple[str, str]], panels: Sequence[str | None]) -> float:
    """Inches under a row of panels: its stage names, turned, whole, and the titles of the
    row below, however many lines they take."""
    names = _stage_names(stages) or [""]
    size = FONT_SIZE - 1
    widest = max(text_width(line, size) for name in names for line in name.split("\n"))
    lines = max(name.count("\n") + 1 for name in names)
    turn = math.radians(_TURN)
    turned = math.sin(turn) * widest + math.cos(turn) * lines * line_height(size)
    titles = max((_title(p).count("\n") + 1 for p in panels if p is not None), default=0)
    return max(_UNDER, turned + titles * line_height(FONT_SIZE + 1) + 0.25)


def _versus_figure(count: int, under: float = _UNDER) -> Figure:
    """An empty figure sized for ``count`` panels, two to a row, ``under`` inches under each."""
    rows = math.ceil(count / min(count, 2))
    return new_figure(_WIDTH, _PANEL * rows + under * rows + _TOP + _LEGEND)


def _versus_frame(figure: Figure, table: pd.DataFrame, stages: Sequence[tuple[str, str]],
                  title: str) -> list[tuple[Axes, str | None]]:
    """Everything of the chart but the room's lines: the panels, the customers' curves,
    names, legend; returns each panel's axes with its persona."""
    panels = _panels(table)
    columns = min(len(panels), 2)
    rows = math.ceil(len(panels) / columns)
    height = figure.get_figheight()
    under = _under(stages, panels)
    # margins set once by hand, not by the layout engine, which is most of the drawing time
    figure.set_layout_engine(None)
    words = max(text_width(scale_label(score), FONT_SIZE) for score in EMOTIONS)
    figure.subplots_adjust(left=(words + 0.3) / _WIDTH, right=1 - 0.15 / _WIDTH,
                           top=1 - _TOP / height, bottom=(under + _LEGEND) / height,
                           wspace=0.06, hspace=under / _PANEL)
    grid = figure.subplots(rows, columns, squeeze=False, sharey=True)
    order = [stage_id for stage_id, _name in stages]
    names = _stage_names(stages)
    drawn = []
    for number, persona in enumerate(panels):
        axes = grid[number // columns][number % columns]
        tidy(axes)
        _emotion_axis(axes)
        rows_of = _rows_of(table, persona, order)
        x = np.arange(len(order))
        axes.errorbar(x, rows_of["customers"],
                      yerr=_whiskers(rows_of["customers_low"], rows_of["customers_high"],
                                     rows_of["customers"]),
                      color=CUSTOMERS, marker="s", linewidth=2.0, capsize=3,
                      label=_("Customers (95% interval)"), gid="customers")
        axes.set_xticks(x, names, fontsize=FONT_SIZE - 1, rotation=_TURN, ha="right",
                        rotation_mode="anchor")
        axes.set_xlim(-0.5, len(order) - 0.5)
        if number % columns:
            axes.tick_params(labelleft=False)  # the emotion words once per row
        if persona is not None:
            axes.set_title(_title(persona), fontsize=FONT_SIZE + 1, loc="left")
        drawn.append((axes, persona))
    for number in range(len(panels), rows * columns):
        grid[number // columns][number % columns].set_visible(False)
    room = Line2D([], [], **_ROOM_STYLE)
    handles, labels = grid[0][0].get_legend_handles_labels()
    figure.legend([room, *handles], [_("The room"), *labels], loc="lower center", ncols=2,
                  frameon=False)
    if title:
        figure.suptitle(title, fontsize=FONT_SIZE + 2, x=0.01, ha="left")
    return drawn


def _room_lines(panels: list[tuple[Axes, str | None]], table: pd.DataFrame,
                stages: Sequence[tuple[str, str]]) -> list[Artist]:
    """The room's line on each panel, and the stages where it is rosier than its
    customers, marked; returns what was drawn."""
    order = [stage_id for stage_id, _name in stages]
    drawn: list[Artist] = []
    for axes, persona in panels:
        rows_of = _rows_of(table, persona, order)
        (line,) = axes.plot(np.arange(len(order)), rows_of["room"], gid="room", **_ROOM_STYLE)
        drawn.append(line)
        for position, (stage, row) in enumerate(rows_of.iterrows()):
            if row["optimistic"] is True:
                above = row["room"] < 2.0  # the label above the point, or below a high one
                drawn.append(axes.annotate(
                    wrap(_("room more optimistic"), 12), (position, row["room"]),
                    xytext=(position, 2.6 if above else row["room"] - 1.2), ha="center",
                    va="bottom" if above else "top", fontsize=FONT_SIZE - 2, color=INK,
                    arrowprops={"arrowstyle": "->", "color": INK},
                    gid=f"optimistic:{stage}"))
    return drawn


def room_versus_customers_chart(table: pd.DataFrame, stages: Sequence[tuple[str, str]],
                                title: str = "") -> Figure:
    """The room's mean emotion and the customers' per stage, one panel per persona.

    ``table`` has the columns of :func:`~journeylab.evidence.measures.room_versus_customers`
    with ``persona`` replaced by its name (``None`` when the data names no persona).
    """
    panels = _panels(table)
    figure = _versus_figure(len(panels), _under(stages, panels))
    _room_lines(_versus_frame(figure, table, stages, title), table, stages)
    return figure


class LiveRoomVersusCustomers:
    """:func:`room_versus_customers_chart` kept between changes: while only the room's
    scores change, its panels and the customers' curves are not drawn again."""

    def __init__(self, dpi: float = FORM_DPI) -> None:
        self._count, self._under = 1, _UNDER
        self.live = LiveFigure(lambda: _versus_figure(self._count, self._under), dpi)
        self._panels: list[tuple[Axes, str | None]] = []

    def update(self, table: pd.DataFrame, stages: Sequence[tuple[str, str]],
               title: str = "") -> Figure:
        """Bring the kept chart to ``table``; ``live.image()`` then has it."""
        customers = table.drop(columns=["room", "optimistic"]).to_json()
        key = (tuple(stages), customers, title)
        panels = _panels(table)
        self._count, self._under = len(panels), _under(stages, panels)

        def frame(figure: Figure) -> None:
            self._panels = _versus_frame(figure, table, stages, title)

        self.live.frame(key, frame)
        self.live.data(_room_lines(self._panels, table, stages))
        return self.live.figure


def stage_ratings_chart(table: pd.DataFrame, stages: Sequence[tuple[str, str]]) -> Figure:
    """Customers' mean emotion per stage as bars with their interval and number of ratings.

    ``table`` has the columns of :func:`~journeylab.evidence.measures.measures` by stage.
    """
    rows = table.set_index("stage").reindex([stage_id for stage_id, _name in stages])
    figure = new_figure(9.5, 0.55 * len(stages) + 1.4)
    axes = figure.subplots()
    tidy(axes)
    y = np.arange(len(stages))[::-1]
    means = rows["emotion"].fillna(0.0)
    colours = [CUSTOMERS if value >= 0 else PALETTE[5] for value in means]
    hatches = ["" if value >= 0 else "//" for value in means]  # below neutral: not by colour
    bars = axes.barh(y, means, color=colours, height=0.6, zorder=2)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
        bar.set_edgecolor("white")
    axes.errorbar(means, y, xerr=_whiskers(rows["emotion_low"], rows["emotion_high"], means),
                  fmt="none", ecolor=INK, capsize=3, zorder=3)
    for position, n in zip(y, rows["n"], strict=True):
        said = _("no ratings") if pd.isna(n) or n == 0 else _("n = {n}", n=int(n))
        axes.text(3.35, position, said, va="center", ha="right", fontsize=FONT_SIZE - 1,
                  color=MUTED)
    axes.set_yticks(y, [wrap(name, 24) for _id, name in stages])
    scores = sorted(EMOTIONS)
    axes.set_xlim(-3.4, 3.4)
    axes.set_xticks(scores, [f"−{-s}" if s < 0 else f"+{s}" if s else "0" for s in scores])
    axes.axvline(0, color=MUTED, linewidth=1.0, zorder=1)
    axes.set_xlabel(_("Customers' mean emotion, from −3 (furious) to +3 (delighted), with "
                      "95% interval"))
    return figure


def monthly_chart(table: pd.DataFrame, headline: str,
                  targets: Sequence[tuple[str, float]] = ()) -> Figure:
    """The headline figure month by month with its interval band; ``targets`` are
    (label, value) lines from the action plan."""
    rows = table[table["month"].notna()].sort_values("month")
    figure = new_figure(9.5, 3.6)
    axes = figure.subplots()
    tidy(axes)
    x = np.arange(len(rows))
    axes.fill_between(x, rows["headline_low"], rows["headline_high"], color=CUSTOMERS,
                      alpha=0.18, linewidth=0, label=_("95% interval"))
    axes.plot(x, rows["headline"], color=CUSTOMERS, marker="s", linewidth=2.0, label=headline,
              gid="headline")
    for number, (label, value) in enumerate(targets):
        axes.axhline(value, color=PALETTE[1 + number % 6], linestyle=":", linewidth=1.6,
                     label=_("Target: {action}", action=wrap(label, 40)))
    axes.set_xticks(x, [f"{m[5:]}.{m[:4]}" for m in rows["month"]], rotation=45,
                    ha="right", fontsize=FONT_SIZE - 1)
    axes.set_ylabel(headline)
    axes.legend(loc="best", frameon=False, fontsize=FONT_SIZE - 1)
    return figure
