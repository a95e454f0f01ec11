"""The emotion curve: how each persona feels along the journey, and where the room disagrees.

The mean score per stage is a line with markers; the spread of the participants' scores is
a band from the lowest to the highest score (one persona) and error bars of ±1 standard
deviation; the stages where the room disagrees most are ringed and labelled in a lane above
the curve ("discuss: 4 points apart"). The y axis speaks the emotion words of
:data:`~journeylab.presets.EMOTIONS`, not bare numbers.

:func:`emotion_curve` draws the whole chart; :class:`LiveEmotionCurve` keeps the same chart
up to date in a few milliseconds while a room scores (see :mod:`.live`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..i18n import _
from ..presets import EMOTIONS
from .live import LiveFigure
from .style import (FONT_SIZE, FORM_DPI, GRID, INK, MUTED, SMALLEST_TEXT, Styled, new_figure,
                    tidy, wrap)

WIDTH, HEIGHT = 9.5, 4.8
#: The scores sit in −3…+3; the space above +3.5 is the lane for the discussion labels.
SCALE_TOP, LANE_TOP = 3.5, 5.0
_LANE_ROWS = (3.8, 4.28, 4.76)
_DODGE = 0.08  # how far apart overlaid personas' points sit, so error bars stay visible
_LABEL_SIZE = SMALLEST_TEXT  # of the discussion labels


@dataclass(frozen=True)
class Series(Styled):
    """One persona's curve: its id in the table, its name, and its place in the palette."""

    persona: str
    name: str
    style: int


def series_for(personas: Sequence[tuple[str, str]],
               shown: Collection[str] | None = None) -> list[Series]:
    """A :class:`Series` for each ``(id, name)`` in ``shown`` (all when ``None``).

    The palette position comes from the place in ``personas`` (all the workshop's personas),
    so a persona keeps its colour and marker whether it is shown alone or with the others.
    """
    return [Series(pid, name, i) for i, (pid, name) in enumerate(personas)
            if shown is None or pid in shown]


def nearest_score(value: float) -> int:
    """The whole score nearest ``value``, halves away from neutral: −1.5 → −2, 0.5 → 1."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def signed(score: float) -> str:
    """``+3``, ``0``, ``−2``: the nearest whole score with its sign, and a true minus sign."""
    number = nearest_score(score)
    return "0" if number == 0 else f"{number:+d}".replace("-", "\u2212")


def scale_label(score: int) -> str:
    """``"Delighted (+3)"``: the emotion word of a score with the signed number."""
    return _("{word} ({score})", word=_(EMOTIONS[score]), score=signed(score))


def points_apart(spread: float) -> str:
    """``"discuss: 4 points apart"``: the label of a stage where the room disagrees."""
    return _("discuss: {points} points apart", points=int(round(spread)))


def draw_frame(figure: Figure, stages: Sequence[tuple[str, str]], series: Sequence[Series],
               title: str = "") -> Axes:
    """Axes, emotion words, stage names and legend: everything that does not change on a click."""
    axes = figure.add_subplot()
    tidy(axes)
    positions = np.arange(len(stages))
    # about as many characters per line as a stage's share of the axis holds
    width = max(6, min(18, 90 // max(len(stages), 1)))
    axes.set_xticks(positions, [wrap(name, width=width) for _id, name in stages])
    if len(stages) > 8:
        axes.tick_params(axis="x", labelsize=FONT_SIZE - 1)
    axes.set_xlim(-0.5, max(len(stages) - 0.5, 0.5))
    scores = sorted(EMOTIONS)
    axes.set_yticks(scores, [scale_label(s) for s in scores])
    axes.set_ylim(-SCALE_TOP, LANE_TOP)
    axes.spines["left"].set_bounds(-3, 3)
    axes.axhline(0, color=MUTED, linewidth=0.8, zorder=1)
    axes.axhline(SCALE_TOP, color=GRID, linewidth=0.8)
    axes.set_ylabel(_("How the persona feels"), color=INK, fontsize=FONT_SIZE)
    if title:
        axes.set_title(title, color=INK, fontsize=FONT_SIZE + 1, loc="left")
    handles = [Line2D([], [], color=s.colour, marker=s.marker, label=wrap(s.name, 34))
               for s in series]
    if len(series) == 1:
        handles += [Patch(color=series[0].colour, alpha=0.18,
                          label=wrap(_("lowest to highest score"), 34))]
    handles += [Line2D([], [], color=MUTED, marker="|", markersize=10, linestyle="-",
                       label=wrap(_("±1 standard deviation"), 34)),
                Line2D([], [], color=INK, marker="o", markersize=11, markerfacecolor="none",
                       linestyle="none", label=wrap(_("the room disagrees: discuss"), 34))]
    # below the chart, so the stages get the whole width of the figure
    figure.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 3),
                  fontsize=FONT_SIZE - 1, frameon=False)
    return axes


def _rows(table: pd.DataFrame, persona: str, stage_ids: Sequence[str]) -> pd.DataFrame:
    """The persona's rows of ``table`` indexed by stage, one per stage (NaN where unscored)."""
    rows = table[table["persona"] == persona].copy()
    rows["stage"] = rows["stage"].astype(str)
    return rows.set_index("stage").reindex(list(stage_ids))


def draw_data(axes: Axes, table: pd.DataFrame, stages: Sequence[tuple[str, str]],
              series: Sequence[Series], discuss: pd.DataFrame | None = None) -> list[Artist]:
    """Curves, spread and discussion marks on ``axes``; returns every artist it added.

    ``table`` is (part of) :func:`~journeylab.analysis.emotion_by_stage`; ``discuss`` holds
    the ``stage``, ``persona`` and ``spread`` of the cells to mark
    (:func:`~journeylab.analysis.discussion_prompts`).
    """
    stage_ids = [stage_id for stage_id, _name in stages]
    positions = np.arange(len(stage_ids), dtype=float)
    artists: list[Artist] = []
    where: dict[tuple[str, str], tuple[float, float]] = {}
    single = len(series) == 1
    for number, one in enumerate(series):
        rows = _rows(table, one.persona, stage_ids)
        mean = rows["mean"].to_numpy(dtype=float)
        x = positions + (number - (len(series) - 1) / 2) * (0 if single else _DODGE)
        if single:
            artists.append(axes.fill_between(x, rows["min"].to_numpy(dtype=float),
                                             rows["max"].to_numpy(dtype=float),
                                             color=one.colour, alpha=0.18, linewidth=0,
                                             zorder=2))
        std = rows["std"].to_numpy(dtype=float)
        artists.append(axes.vlines(x, mean - std, mean + std, colors=one.colour,
                                   linewidth=1.2, alpha=0.8, zorder=3))
        artists += axes.plot(np.concatenate([x, x]), np.concatenate([mean - std, mean + std]),
                             marker="_", markersize=7, linestyle="none", color=one.colour,
                             alpha=0.8, zorder=3)
        (line,) = axes.plot(x, mean, color=one.colour, marker=one.marker, linewidth=2,
                            markersize=7, label=one.name, zorder=4)
        line.set_gid(one.persona)
        artists.append(line)
        where.update({(stage_id, one.persona): (px, value)
                      for stage_id, px, value in zip(stage_ids, x, mean, strict=True)
                      if not np.isnan(value)})
    artists += _mark_disagreements(axes, discuss, stage_ids, where)
    if not where:
        artists.append(axes.text(0.5, 0.5, _("No scores yet: click a face for each stage"),
                                 transform=axes.transAxes, ha="center", va="center",
                                 color=MUTED, fontsize=FONT_SIZE + 1))
    return artists


def _mark_disagreements(axes: Axes, discuss: pd.DataFrame | None, stage_ids: Sequence[str],
                        where: dict[tuple[str, str], tuple[float, float]]) -> list[Artist]:
    artists: list[Artist] = []
    if discuss is None or discuss.empty:
        return artists
    placed: list[tuple[float, int]] = []
    # a label spans about a fifth of the axis: closer labels go to different rows
    reach = max(1.0, 0.2 * len(stage_ids))
    columns = max(len(stage_ids), 1)
    column_inches = axes.get_position().width * axes.figure.get_figwidth() / columns
    for row in discuss.itertuples(index=False):
        point = where.get((str(row.stage), str(row.persona)))
        if point is None:
            continue
        x, y = point
        artists += axes.plot([x], [y], marker="o", markersize=17, markerfacecolor="none",
                             markeredgecolor=INK, markeredgewidth=1.5, linestyle="none",
                             zorder=5)
        taken = {lane for other, lane in placed if abs(x - other) < reach}
        lane = next((i for i in range(len(_LANE_ROWS)) if i not in taken), len(placed))
        placed.append((x, lane))
        label_y = _LANE_ROWS[lane % len(_LANE_ROWS)]
        label = points_apart(row.spread)
        artists.append(axes.vlines(x, y, label_y, colors=MUTED, linestyles=":", linewidth=1,
                                   zorder=1))
        artists.append(axes.text(_inside(x, label, column_inches, columns), label_y, label,
                                 ha="center", va="center", fontsize=_LABEL_SIZE, color=INK,
                                 bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                                       "edgecolor": MUTED, "linewidth": 0.8}, zorder=6))
    return artists


def _inside(x: float, label: str, column_inches: float, columns: int) -> float:
    """Where to centre ``label`` over the stage at ``x`` so that it stays inside the axes.

    The data of a kept frame is drawn without laying the figure out again, so a label that
    ran past the last stage would be cut off at the edge of the image.
    """
    half = (0.62 * len(label) * _LABEL_SIZE / 72 + 0.1) / column_inches / 2  # in stages
    if 2 * half >= columns:
        return (columns - 1) / 2
    return min(max(x, -0.5 + half), columns - 0.5 - half)


def emotion_curve(table: pd.DataFrame, stages: Sequence[tuple[str, str]],
                  personas: Sequence[tuple[str, str]], shown: Collection[str] | None = None,
                  discuss: pd.DataFrame | None = None, title: str = "") -> Figure:
    """The emotion curve of the ``shown`` personas (all when ``None``) with their spread.

    Parameters
    ----------
    table
        :func:`~journeylab.analysis.emotion_by_stage` of the workshop.
    stages, personas
        ``(id, name)`` of the workshop's stages and personas, in order.
    shown
        Ids of the personas to draw; one persona also gets its lowest-to-highest band.
    discuss
        The cells to mark as discussion prompts
        (:func:`~journeylab.analysis.discussion_prompts`).
    title
        Shown above the chart.
    """
    series = series_for(personas, shown)
    figure = new_figure(WIDTH, HEIGHT)
    axes = draw_frame(figure, stages, series, title)
    draw_data(axes, table, stages, series, discuss)
    return figure


class LiveEmotionCurve:
    """:func:`emotion_curve` kept up to date cheaply: call :meth:`png` after every change."""

    def __init__(self, dpi: float = FORM_DPI) -> None:
        self.live = LiveFigure(lambda: new_figure(WIDTH, HEIGHT), dpi)
        self._axes: Axes | None = None

    @property
    def figure(self) -> Figure | None:
        """The figure last drawn (frame and data), for inspection."""
        return self.live.figure

    def png(self, table: pd.DataFrame, stages: Sequence[tuple[str, str]],
            personas: Sequence[tuple[str, str]], shown: Collection[str] | None = None,
            discuss: pd.DataFrame | None = None, title: str = "") -> bytes:
        """The chart :func:`emotion_curve` draws for these arguments, as PNG bytes."""
        self.update(table, stages, personas, shown, discuss, title)
        return self.live.png()

    def update(self, table: pd.DataFrame, stages: Sequence[tuple[str, str]],
               personas: Sequence[tuple[str, str]], shown: Collection[str] | None = None,
               discuss: pd.DataFrame | None = None, title: str = "") -> Figure:
        """Bring the kept chart to these arguments (the frame drawn again only when its
        stages, personas or title change); ``live.image()`` then has it."""
        series = series_for(personas, shown)
        key = (tuple(stages), tuple(series), title)

        def frame(figure: Figure) -> None:
            self._axes = draw_frame(figure, stages, series, title)

        self.live.frame(key, frame)
        self.live.data(draw_data(self._axes, table, stages, series, discuss))
        return self.live.figure
