"""Which stage × persona cells of the map hold cards, and which are still empty.

One square per persona (row) and stage (column), with the number of cards written in it;
an empty cell is hatched and says "empty", so the facilitator sees where to go next without
relying on colour. The cell being edited is outlined. The shade saturates at
:data:`FULL` cards (three per lane), a fixed scale, so one new card never recolours the
whole grid.

:func:`coverage_chart` draws the whole chart; :class:`LiveCoverage` keeps it up to date by
repainting only the cells that changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from ..i18n import _
from .live import LiveFigure
from .style import FONT_SIZE, INK, MUTED, SEQUENTIAL, new_figure, wrap

#: The number of cards at which a cell is shaded darkest: three cards in each of eight lanes.
FULL = 24
_EMPTY_FACE = "#FFFFFF"
_HATCH_COLOUR = "#BBBBBB"
_INSET = 0.07  # the outline of the current cell stays inside it, so repainting covers it

Cell = tuple[str, str]  # (stage id, persona id)


def size(stages: int, personas: int) -> tuple[float, float]:
    """Width and height in inches that keep the squares readable."""
    return (min(max(3.2 + 0.7 * stages, 6.0), 10.0),
            min(max(1.5 + 0.38 * personas, 2.4), 6.0))


def _shade(count: int) -> tuple[tuple[float, float, float, float], str]:
    """The face colour of a cell holding ``count`` cards, and a text colour readable on it."""
    if count <= 0:
        return (1.0, 1.0, 1.0, 1.0), MUTED
    level = 0.15 + 0.7 * min(count, FULL) / FULL
    return colormaps[SEQUENTIAL](level), ("white" if level > 0.55 else INK)


def draw_frame(figure: Figure, stages: Sequence[tuple[str, str]],
               personas: Sequence[tuple[str, str]]) -> Axes:
    """Stage names along the top, persona names down the side, and the title."""
    axes = figure.add_subplot()
    axes.set_xlim(-0.5, max(len(stages), 1) - 0.5)
    axes.set_ylim(max(len(personas), 1) - 0.5, -0.5)  # first persona on top, as in the list
    axes.set_xticks(range(len(stages)), [wrap(name, 12) for _id, name in stages])
    axes.set_yticks(range(len(personas)), [wrap(name, 24) for _id, name in personas])
    axes.xaxis.tick_top()
    axes.tick_params(length=0, colors=INK, labelsize=FONT_SIZE - 1)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(_("Cards per stage and persona (hatched: still empty)"), color=INK,
                   fontsize=FONT_SIZE + 1, loc="left")
    return axes


class _Cells:
    """The square and the number of each cell, and the outline of the current one."""

    def __init__(self, axes: Axes, stages: Sequence[tuple[str, str]],
                 personas: Sequence[tuple[str, str]]) -> None:
        self.squares: dict[Cell, Rectangle] = {}
        self.labels: dict[Cell, Text] = {}
        for row, (persona, _name) in enumerate(personas):
            for column, (stage, _stage_name) in enumerate(stages):
                square = Rectangle((column - 0.5, row - 0.5), 1, 1, edgecolor="white",
                                   linewidth=2, hatch_linewidth=1.0)
                axes.add_patch(square)
                self.squares[stage, persona] = square
                self.labels[stage, persona] = axes.text(column, row, "", ha="center",
                                                        va="center", fontsize=FONT_SIZE)
        self.outline = Rectangle((0, 0), 1 - 2 * _INSET, 1 - 2 * _INSET, fill=False,
                                 edgecolor=INK, linewidth=2.5, visible=False)
        axes.add_patch(self.outline)
        self.positions = {cell: (square.get_x(), square.get_y())
                          for cell, square in self.squares.items()}

    def artists(self) -> list:
        return [*self.squares.values(), *self.labels.values(), self.outline]

    def show(self, cell: Cell, count: int) -> None:
        face, ink = _shade(count)
        square, label = self.squares[cell], self.labels[cell]
        square.set_facecolor(face)
        square.set_hatch("///" if count <= 0 else None)
        square.set_hatchcolor(_HATCH_COLOUR)
        label.set_text(str(count) if count > 0 else _("empty"))
        label.set_color(ink)
        label.set_fontstyle("normal" if count > 0 else "italic")

    def point_at(self, cell: Cell | None) -> None:
        if cell not in self.positions:
            self.outline.set_visible(False)
            return
        x, y = self.positions[cell]
        self.outline.set_xy((x + _INSET, y + _INSET))
        self.outline.set_visible(True)


def cell_counts(counts: pd.DataFrame) -> dict[Cell, int]:
    """``{(stage, persona): cards}`` from the persona × stage table of ``card_counts``."""
    return {(stage, persona): int(value)
            for persona, row in zip(counts.index, counts.to_numpy(), strict=True)
            for stage, value in zip(counts.columns, row, strict=True)}


def coverage_chart(counts: pd.DataFrame, stages: Sequence[tuple[str, str]],
                   personas: Sequence[tuple[str, str]], current: Cell | None = None) -> Figure:
    """The stage × persona grid of card counts, empty cells hatched and labelled.

    Parameters
    ----------
    counts
        :func:`~journeylab.analysis.card_counts`: personas as rows, stages as columns.
    stages, personas
        ``(id, name)`` of the workshop's stages and personas, in order.
    current
        ``(stage, persona)`` of the cell being edited, outlined.
    """
    figure = new_figure(*size(len(stages), len(personas)))
    axes = draw_frame(figure, stages, personas)
    cells = _Cells(axes, stages, personas)
    found = cell_counts(counts)
    for cell in cells.squares:
        cells.show(cell, found.get(cell, 0))
    cells.point_at(current)
    return figure


class LiveCoverage:
    """:func:`coverage_chart` kept up to date by repainting only the cells that changed."""

    def __init__(self) -> None:
        self.live = LiveFigure(lambda: new_figure(*self._size))
        self._size = (6.0, 2.4)
        self._cells: _Cells | None = None
        self._shown: dict[Cell, int] = {}
        self._current: Cell | None = None

    @property
    def figure(self) -> Figure | None:
        """The figure last drawn, for inspection."""
        return self.live.figure

    def png(self, counts: pd.DataFrame, stages: Sequence[tuple[str, str]],
            personas: Sequence[tuple[str, str]], current: Cell | None = None) -> bytes:
        """The chart :func:`coverage_chart` draws for these arguments, as PNG bytes."""
        self._size = size(len(stages), len(personas))

        def frame(figure: Figure) -> None:
            self._cells = _Cells(draw_frame(figure, stages, personas), stages, personas)

        if self.live.frame((tuple(stages), tuple(personas)), frame):
            self.live.data(self._cells.artists())
            self._shown, self._current = {}, None
        cells = self._cells
        found = cell_counts(counts)
        wanted = {cell: found.get(cell, 0) for cell in cells.squares}
        changed = [cell for cell, count in wanted.items() if self._shown.get(cell) != count]
        if current != self._current:
            changed += [cell for cell in (self._current, current) if cell in cells.squares]
        full = len(self._shown) == 0
        for cell in changed:
            cells.show(cell, wanted[cell])
        cells.point_at(current)
        self._shown, self._current = wanted, current
        if full:
            return self.live.png()
        repaint = [artist for cell in dict.fromkeys(changed)
                   for artist in (cells.squares[cell], cells.labels[cell])]
        if current in changed:
            repaint.append(cells.outline)
        return self.live.png(only=repaint)
