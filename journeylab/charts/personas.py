"""Which persona uses which channel: "for each channel, a persona"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..channels import channel_labels, channels_used_by_personas
from ..i18n import _
from ..model import Workshop
from .style import FONT_SIZE, GRID, INK, MUTED, PALETTE
from .touchpoints import GridChart, GridFrame, LiveGrid

_USES = {"marker": "o", "s": 110, "color": PALETTE[0], "edgecolors": PALETTE[0]}
_DOES_NOT = {"marker": "o", "s": 70, "facecolors": "white", "edgecolors": MUTED}


@dataclass(frozen=True)
class PersonaChannels:
    """For each persona (row), whether it uses each channel (column)."""

    personas: tuple[str, ...]
    channels: tuple[str, ...]
    uses: tuple[tuple[bool, ...], ...]


def persona_channels(workshop: Workshop) -> PersonaChannels:
    """The persona × channel matrix, with only the channels some persona uses as columns."""
    labels = channel_labels(workshop)
    columns = channels_used_by_personas(workshop)
    return PersonaChannels(
        personas=tuple(persona.name for persona in workshop.personas),
        channels=tuple(labels[c] for c in columns),
        uses=tuple(tuple(c in persona.channels for c in columns)
                   for persona in workshop.personas))


def _frame(data: PersonaChannels) -> GridFrame | str:
    if not data.personas:
        return _("No personas yet: add the first one above.")
    if not data.channels:
        return _("No persona has a channel yet: tick the channels each one uses.")
    return GridFrame(data.channels, data.personas, _("Channels each persona uses"),
                     bottom=0.75, cell=(0.5, 0.4), upright=True)


def _extras(axes: Axes, frame: GridFrame) -> None:
    rows = len(frame.rows)
    axes.hlines(np.arange(rows + 1), 0, len(frame.columns), color=GRID, linewidth=0.8)
    axes.text(-0.08, rows + 0.3, _("Personas using it"), ha="right", va="top", color=MUTED,
              fontsize=FONT_SIZE - 1)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=10, color=PALETTE[0],
                      label=_("uses")),
               Line2D([], [], linestyle="none", marker="o", markersize=8,
                      markerfacecolor="white", markeredgecolor=MUTED, label=_("does not use"))]
    axes.figure.legend(handles=handles, loc="lower left", ncols=2, frameon=False,
                       fontsize=FONT_SIZE - 1, labelcolor=INK, bbox_to_anchor=(0.0, 0.0))


def _cells(axes: Axes, data: PersonaChannels) -> list[Artist]:
    matrix = np.array(data.uses, dtype=bool)
    rows, columns = np.indices(matrix.shape)
    drawn: list[Artist] = [
        axes.scatter(columns[~matrix] + 0.5, rows[~matrix] + 0.5, label=_("does not use"),
                     gid="does-not-use", **_DOES_NOT),
        axes.scatter(columns[matrix] + 0.5, rows[matrix] + 0.5, label=_("uses"), gid="uses",
                     **_USES)]
    for column, count in enumerate(matrix.sum(axis=0)):
        drawn.append(axes.text(column + 0.5, len(data.personas) + 0.3, str(int(count)),
                               ha="center", va="top", color=MUTED, fontsize=FONT_SIZE - 1))
    return drawn


PERSONA_CHANNELS = GridChart(frame=_frame, cells=_cells, extras=_extras)


def persona_channel_chart(data: PersonaChannels) -> Figure:
    """A dot matrix: a filled dot where a persona uses a channel, an empty ring where not.

    Under each column, how many personas use the channel.
    """
    return PERSONA_CHANNELS.figure(data)


def live_persona_channel_chart() -> LiveGrid[PersonaChannels]:
    """:func:`persona_channel_chart` kept up to date in a form: ``.png(data)`` gives the image."""
    return LiveGrid(PERSONA_CHANNELS)
