"""The look every chart shares: colour-blind-safe colours, wrapped labels, readable sizes."""

from __future__ import annotations

import textwrap

import matplotlib
from matplotlib.figure import Figure

# Workshop text is text: "from $50 to $80" or a pasted "$$…$$" must be drawn as typed, never
# parsed as a formula (which also fails on malformed input). JourneyLab draws no formulas.
matplotlib.rcParams["text.parse_math"] = False

#: Okabe–Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
#: Marker shapes paired with :data:`PALETTE`, so a series never depends on colour alone.
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]
#: A diverging scale for −3 … +3 that stays readable in grey and for colour-blind readers.
DIVERGING = "RdBu"
SEQUENTIAL = "Blues"
INK = "#222222"
MUTED = "#666666"
GRID = "#DDDDDD"
FONT_SIZE = 10
#: The smallest text a chart shown in a form draws, in points.
SMALLEST_TEXT = FONT_SIZE - 2
#: Pixels per inch of a chart shown in a form: two pixels per point, so its smallest text is
#: 16 px where the image is shown at its own size, as room mode shows it (readable from the
#: back of a room on a projector; a laptop shows it smaller, see ``forms.style``).
FORM_DPI = 144


def _lines(label: str, width: int) -> list[str]:
    return textwrap.wrap(str(label), width=width, break_long_words=True) or [""]


def wrap(label: str, width: int = 16) -> str:
    """``label`` broken into lines of about ``width`` characters, every word of it kept."""
    return "\n".join(_lines(label, width))


def shortened(label: str, width: int, lines: int) -> str:
    """``label`` in at most ``lines`` lines of about ``width`` characters, cut with "…".

    Only for a place that cannot grow with its text (a crowded square of the priority
    matrix, whose insights are listed whole in the table beside it); elsewhere :func:`wrap`.
    """
    wrapped = _lines(label, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: max(width - 1, 1)] + "…"
    return "\n".join(wrapped)


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to any window or notebook backend (safe in threads and kernels)."""
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    figure.set_facecolor("white")
    return figure


def tidy(axes) -> None:
    """Light frame and grid, as every JourneyLab chart has."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(MUTED)
    axes.tick_params(colors=INK, labelsize=FONT_SIZE)
    axes.grid(color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)


class Styled:
    """Something drawn in the ``style``-th colour and marker, the same in every chart."""

    style: int

    @property
    def colour(self) -> str:
        """Its colour from :data:`PALETTE`."""
        return PALETTE[self.style % len(PALETTE)]

    @property
    def marker(self) -> str:
        """Its marker from :data:`MARKERS`, so it never depends on colour alone."""
        return MARKERS[self.style % len(MARKERS)]
