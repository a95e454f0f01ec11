"""Where the touchpoints sit: how many per stage and channel, and how each one feels.

Each chart comes in two parts: a function that counts from a workshop into a small frozen
record (cheap, comparable, so a form redraws only when it changes), and one that draws it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D, IdentityTransform

from ..channels import channel_labels
from ..i18n import _, format_number
from ..model import Workshop
from .live import LiveFigure
from .style import DIVERGING, FONT_SIZE, FORM_DPI, INK, MUTED, SEQUENTIAL, new_figure, wrap


@dataclass(frozen=True)
class StageChannelCounts:
    """How many touchpoints each channel (row) has in each stage (column)."""

    stages: tuple[str, ...]
    channels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # one row per channel, one number per stage

    @property
    def total(self) -> int:
        """The number of placements (a touchpoint in two stages counts twice)."""
        return sum(map(sum, self.counts))


def stage_channel_counts(workshop: Workshop) -> StageChannelCounts:
    """Count touchpoints per channel and stage; stages in map order, channels in menu order.

    Only channels with touchpoints get a row. Touchpoints not yet placed in any stage are
    counted in a last column, so the room sees what is left to place.
    """
    stage_ids = [stage.id for stage in workshop.stages]
    column = {stage_id: index for index, stage_id in enumerate(stage_ids)}
    unplaced = len(stage_ids)
    labels = channel_labels(workshop)
    table: dict[str, list[int]] = {}
    for point in workshop.touchpoints:
        row = table.setdefault(point.channel, [0] * (unplaced + 1))
        placed = [column[s] for s in point.stages if s in column]
        for index in placed or [unplaced]:
            row[index] += 1
    any_unplaced = any(row[unplaced] for row in table.values())
    width = unplaced + 1 if any_unplaced else unplaced
    stages = [stage.name for stage in workshop.stages]
    if any_unplaced:
        stages.append(_("No stage yet"))
    order = [c for c in labels if c in table] + sorted(c for c in table if c not in labels)
    return StageChannelCounts(
        stages=tuple(stages),
        channels=tuple(labels.get(c, c) for c in order),
        counts=tuple(tuple(table[c][:width]) for c in order))


@dataclass(frozen=True)
class TouchpointEmotions:
    """The room's mean score for each touchpoint (row) at each stage (column)."""

    touchpoints: tuple[str, ...]
    stages: tuple[str, ...]
    means: tuple[tuple[float | None, ...], ...]  # None: nobody scored that cell
    counts: tuple[tuple[int, ...], ...]


def touchpoint_emotions(workshop: Workshop, persona: str | None = None) -> TouchpointEmotions:
    """Mean touchpoint-level emotion scores, for one persona or all of them.

    Only touchpoints and stages that were scored get a row or column; order follows the
    workshop's lists.
    """
    sums: dict[tuple[str, str], list[int]] = {}
    for score in workshop.emotions:
        if score.touchpoint is not None and persona in (None, score.persona):
            total = sums.setdefault((score.touchpoint, score.stage), [0, 0])
            total[0] += score.score
            total[1] += 1
    points = [t for t in workshop.touchpoints if any(key[0] == t.id for key in sums)]
    stages = [s for s in workshop.stages if any(key[1] == s.id for key in sums)]
    means, counts = [], []
    for point in points:
        cells = [sums.get((point.id, stage.id)) for stage in stages]
        means.append(tuple(cell[0] / cell[1] if cell else None for cell in cells))
        counts.append(tuple(cell[1] if cell else 0 for cell in cells))
    return TouchpointEmotions(tuple(p.name for p in points), tuple(s.name for s in stages),
                              tuple(means), tuple(counts))


# -- drawing ----------------------------------------------------------------------------------
# Laid out by hand in inches rather than by a layout engine, with labels as plain texts rather
# than axis ticks: both cost more than the rest of the chart, and a form redraws it live.

_CELL_WIDTH, _CELL_HEIGHT, _LINE = 0.95, 0.32, 0.17  # inches
_CHAR = 0.6 * (FONT_SIZE - 1) / 72  # average width of a letter at the label size, in inches
_EMPTY_SIZE = (6.0, 1.0)
D = TypeVar("D")


@dataclass(frozen=True)
class GridFrame:
    """The frame of a grid chart: labelled columns and rows of cells, and a title.

    Cell ``(c, r)`` spans ``c…c+1`` and ``r…r+1`` in data units, the first row on top.
    ``bottom`` is the room left under the grid and ``cell`` the size of a cell, in inches;
    ``upright`` turns the column labels to read upwards, for many narrow columns.
    """

    columns: tuple[str, ...]
    rows: tuple[str, ...]
    title: str
    bottom: float = 0.1
    cell: tuple[float, float] = (_CELL_WIDTH, _CELL_HEIGHT)
    upright: bool = False

    def _labels(self) -> tuple[list[str], list[str], float, float, tuple[float, float]]:
        """The labels wrapped whole, the room they take, and a cell as large as they need:
        an upright column is as wide as its lines, a row as tall as its label's lines."""
        width, height = self.cell
        if self.upright:
            columns = [wrap(c, 30) for c in self.columns]
            longest = max(len(line) for label in columns for line in label.split("\n"))
            top = 0.45 + 0.85 * _CHAR * longest
            width = max(width, _LINE * max(label.count("\n") + 1 for label in columns))
        else:
            columns = [wrap(c, int(width / _CHAR)) for c in self.columns]
            top = 0.45 + _LINE * max(label.count("\n") + 1 for label in columns)
        rows = [wrap(r, 26) for r in self.rows]
        left = 0.2 + _CHAR * max(len(line) for label in rows for line in label.split("\n"))
        height = max(height, _LINE * max(label.count("\n") + 1 for label in rows) + 0.04)
        return columns, rows, left, top, (width, height)

    def size(self) -> tuple[float, float]:
        """Width and height of the figure, in inches."""
        _columns, _rows, left, top, cell = self._labels()
        return (left + cell[0] * len(self.columns) + 0.1,
                top + cell[1] * len(self.rows) + self.bottom)

    def draw(self, figure: Figure) -> Axes:
        """Draw the labels and title on ``figure`` (of :meth:`size`); return the cells' axes."""
        columns, rows, left, _top, cell = self._labels()
        width, height = figure.get_size_inches()
        figure.set_layout_engine(None)  # "none" keeps a placeholder engine, which draws twice
        axes = figure.add_axes((left / width, self.bottom / height,
                                cell[0] * len(columns) / width,
                                cell[1] * len(rows) / height))
        axes.set_axis_off()
        axes.set_xlim(0, len(columns))
        axes.set_ylim(len(rows), 0)
        for index, label in enumerate(columns):
            axes.text(index + 0.5, -0.15, label, ha="center", va="bottom", color=INK,
                      fontsize=FONT_SIZE - 1, rotation=90 if self.upright else 0)
        for index, label in enumerate(rows):
            axes.text(-0.08, index + 0.5, label, ha="right", va="center", color=INK,
                      fontsize=FONT_SIZE - 1)
        figure.text(0.1 / width, 1 - 0.08 / height, self.title, ha="left", va="top",
                    color=INK, fontsize=FONT_SIZE + 1)
        return axes

    def figure(self) -> tuple[Figure, Axes]:
        """A new figure with this frame drawn, and the axes of its cells."""
        figure = new_figure(*self.size())
        return figure, self.draw(figure)


def _say(figure: Figure, message: str) -> None:
    figure.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=FONT_SIZE)


def empty_chart(message: str) -> Figure:
    """A small figure that says ``message`` instead of drawing an empty grid."""
    figure = new_figure(*_EMPTY_SIZE)
    _say(figure, message)
    return figure


@functools.lru_cache(maxsize=128)
def number_path(value: int) -> Path:
    """The outline of ``value`` written as digits, one unit high, centred on (0, 0)."""
    path = TextPath((0, 0), str(value), size=1)  # plain digits, never parsed as a formula
    box = path.get_extents()
    unit = Affine2D().translate(-(box.x0 + box.x1) / 2, -(box.y0 + box.y1) / 2) \
        .scale(1 / max(box.width, box.height))
    # scaled to fit its longer side like a marker: widen numbers of several digits back
    return path.transformed(unit + Affine2D().scale(max(1.0, 0.87 * len(str(value)))))


def _write_counts(axes, matrix: np.ndarray, dark_above: float) -> PathCollection:
    """Write each whole number in its cell, all of them as one collection of outlines.

    One collection draws in a fraction of the time of one text artist per cell, which keeps
    the live chart of a form cheap to redraw.
    """
    rows, columns = np.indices(matrix.shape)
    values = [int(v) for v in matrix.ravel()]
    colours = ["white" if v > dark_above else (INK if v else "#9A9A9A") for v in values]
    numbers = PathCollection([number_path(v) for v in values], sizes=[72.0] * len(values),
                             offsets=np.column_stack([columns.ravel() + 0.5,
                                                      rows.ravel() + 0.5]),
                             offset_transform=axes.transData, facecolors=colours,
                             linewidths=0)
    numbers.set_transform(IdentityTransform())
    numbers.set_gid("counts")
    axes.add_collection(numbers, autolim=False)
    return numbers


@dataclass(frozen=True)
class GridChart(Generic[D]):
    """How one kind of grid chart is drawn from its data ``D``.

    ``frame(data)`` gives the :class:`GridFrame` (or a message to show when there is nothing
    to draw), ``extras(axes, frame)`` adds what belongs to the frame (rules, a legend) and
    ``cells(axes, data)`` draws the data, returning its artists.
    """

    frame: Callable[[D], GridFrame | str]
    cells: Callable[[Axes, D], list[Artist]]
    extras: Callable[[Axes, GridFrame], None] = lambda axes, frame: None

    def figure(self, data: D) -> Figure:
        """The whole chart for ``data`` as a new figure."""
        frame = self.frame(data)
        if isinstance(frame, str):
            return empty_chart(frame)
        figure, axes = frame.figure()
        self.extras(axes, frame)
        self.cells(axes, data)
        return figure


class LiveGrid(Generic[D]):
    """A :class:`GridChart` for a form: the frame drawn once per set of labels, the cells
    drawn again on each refresh, which costs a few milliseconds instead of tens."""

    def __init__(self, chart: GridChart[D]) -> None:
        self.chart = chart
        self._size = _EMPTY_SIZE
        self._axes: Axes | None = None
        self.live = LiveFigure(self._new_figure)

    def _new_figure(self) -> Figure:
        figure = new_figure(*self._size)
        figure.set_dpi(FORM_DPI)
        return figure

    @property
    def figure(self) -> Figure | None:
        """The figure last drawn, for inspection."""
        return self.live.figure

    def png(self, data: D) -> bytes:
        """The chart for ``data`` as PNG bytes, as :meth:`GridChart.figure` draws it."""
        frame = self.chart.frame(data)
        if isinstance(frame, str):
            self._size = _EMPTY_SIZE
            self.live.frame(frame, lambda figure: _say(figure, frame))
            self.live.data([])
            return self.live.png()
        self._size = frame.size()

        def draw(figure: Figure) -> None:
            self._axes = frame.draw(figure)
            self.chart.extras(self._axes, frame)

        self.live.frame(frame, draw)
        self.live.data(self.chart.cells(self._axes, data))
        return self.live.png()


def _stage_channel_frame(data: StageChannelCounts) -> GridFrame | str:
    if not data.channels or not data.stages:
        return _("No touchpoints yet: add the first one above.")
    return GridFrame(data.stages, data.channels, _("Touchpoints per stage and channel"))


def _draw_counts(axes: Axes, data: StageChannelCounts) -> list[Artist]:
    matrix = np.array(data.counts, dtype=int)
    peak = max(int(matrix.max()), 1)
    mesh = axes.pcolormesh(matrix, cmap=SEQUENTIAL, vmin=0, vmax=peak * 1.15,
                           edgecolors="white", linewidth=1)
    return [mesh, _write_counts(axes, matrix, dark_above=peak * 0.6)]


STAGE_CHANNELS = GridChart(frame=_stage_channel_frame, cells=_draw_counts)


def stage_channel_chart(data: StageChannelCounts) -> Figure:
    """A heatmap of touchpoints per channel and stage, each cell with its number written in.

    Zeros are written too, in grey: a channel missing from a stage is a finding.
    """
    return STAGE_CHANNELS.figure(data)


def live_stage_channel_chart() -> LiveGrid[StageChannelCounts]:
    """:func:`stage_channel_chart` kept up to date in a form: ``.png(data)`` gives the image."""
    return LiveGrid(STAGE_CHANNELS)


def touchpoint_emotion_chart(data: TouchpointEmotions) -> Figure:
    """A −3…+3 heatmap of each touchpoint's mean score per stage, the mean written in each cell.

    Cells nobody scored stay blank; the number of scores is written small under the mean.
    """
    if not data.touchpoints:
        return empty_chart(_("No touchpoint has been scored yet."))
    figure, axes = GridFrame(data.stages, data.touchpoints,
                             _("Mean emotion per touchpoint and stage (−3 … +3)")).figure()
    matrix = np.array([[np.nan if v is None else v for v in row] for row in data.means])
    axes.pcolormesh(np.ma.masked_invalid(matrix), cmap=DIVERGING, vmin=-3, vmax=3,
                    edgecolors="white", linewidth=1)
    for (row, col), mean in np.ndenumerate(matrix):
        if np.isnan(mean):
            continue
        colour = "white" if abs(mean) > 1.8 else INK
        text = ("+" if mean > 0 else "") + format_number(mean, 1)
        axes.text(col + 0.5, row + 0.42, text, ha="center", va="center", color=colour,
                  fontsize=FONT_SIZE - 1)
        axes.text(col + 0.5, row + 0.82, _("n={count}", count=data.counts[row][col]),
                  ha="center", va="center", color=colour, fontsize=FONT_SIZE - 4)
    return figure
