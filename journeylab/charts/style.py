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


def wrap(label: str, width: int = 16, lines: int = 3) -> str:
    """``label`` broken into lines of about ``width`` characters, at most ``lines`` lines."""
    wrapped = textwrap.wrap(str(label), width=width, break_long_words=True) or [""]
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
