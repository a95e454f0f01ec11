"""Channels as a workshop sees them: the catalogue plus its own, and names pasted in bulk.

Pure functions over a :class:`~journeylab.model.Workshop`; the forms and charts build their
menus, labels and columns from here, so a channel is named the same way everywhere.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from .i18n import current_language
from .model import Name, Workshop, make_id, problems_from
from .presets import CHANNELS

#: The channel a touchpoint gets when nothing else suggests one.
DEFAULT_CHANNEL = "website"


@functools.lru_cache(maxsize=32)
def _labels(custom: tuple[tuple[str, str], ...], language: str) -> dict[str, str]:
    # keyed on the language too: the catalogue names are translated when shown
    labels = {channel_id: preset.label() for channel_id, preset in CHANNELS.items()}
    labels.update(custom)
    return labels


def channel_labels(workshop: Workshop) -> dict[str, str]:
    """``{id: name}`` of every channel, catalogue first (translated), then the workshop's own.

    The dict is shared between calls: do not change it.
    """
    custom = tuple((channel.id, channel.name) for channel in workshop.channels)
    return _labels(custom, current_language())


def channel_options(workshop: Workshop) -> list[tuple[str, str]]:
    """``(label, id)`` pairs for a channel menu, in catalogue order then the workshop's own."""
    return [(label, channel_id) for channel_id, label in channel_labels(workshop).items()]


def channel_online(workshop: Workshop, channel_id: str) -> bool:
    """Whether ``channel_id`` is an online channel (unknown channels count as online)."""
    if channel_id in CHANNELS:
        return CHANNELS[channel_id].online
    return next((c.online for c in workshop.channels if c.id == channel_id), True)


def channels_used_by_personas(workshop: Workshop) -> list[str]:
    """The ids of channels at least one persona uses, in menu order."""
    used = {channel for persona in workshop.personas for channel in persona.channels}
    return [channel_id for channel_id in channel_labels(workshop) if channel_id in used]


def new_channel_id(workshop: Workshop, name: str) -> str:
    """An id for a custom channel called ``name`` that clashes with no channel, catalogue or own."""
    return make_id(name, workshop.channel_ids())


def channel_named(workshop: Workshop, name: str) -> str | None:
    """The id of the channel already called ``name`` (ignoring case), if there is one."""
    wanted = name.strip().casefold()
    return next((channel_id for channel_id, label in channel_labels(workshop).items()
                 if label.casefold() == wanted), None)


# -- names pasted one per line --------------------------------------------------------------

_NAME = TypeAdapter(Name)


@dataclass
class PastedNames:
    """What a block of pasted lines holds: new names, and what was left out and why."""

    names: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)


def parse_names(text: str, existing: list[str] | set[str] = ()) -> PastedNames:
    """Split ``text`` into names, one per line, skipping blanks and names already taken.

    A name counts as taken when it matches one of ``existing`` or an earlier line, ignoring
    case and surrounding spaces. Lines the model would refuse (too long, a tab inside from a
    spreadsheet row …) are reported with their line number, counting from 1.
    """
    seen = {name.strip().casefold() for name in existing}
    found = PastedNames()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            name = _NAME.validate_python(line)
        except ValidationError as error:
            found.invalid.append((number, "; ".join(p.message for p in problems_from(error))))
            continue
        key = name.casefold()
        if key in seen:
            found.duplicates.append(name)
            continue
        seen.add(key)
        found.names.append(name)
    return found

