"""What changed between two versions of a workshop, in words a facilitator reads at a glance.

``describe_changes(before, after)`` → ``["touchpoints: 2 added, 1 changed", "personas: 1
removed"]``. Items are matched by id (journey cells by stage and persona, scores by who
scored what), so a renamed touchpoint counts as changed, not as one removed and one added.
Counts follow the catalogue's rule for numbers: the noun first, then each count with its
own word ("added: 2"), so no language has to make a noun agree with a number.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from .i18n import N_, _
from .model import LIST_LABELS, Workshop

#: The lists of a workshop and how one of their items is told apart from the others.
_KEYS: dict[str, Callable[[Any], Hashable]] = {
    **{name: (lambda item: item.id) for name in (
        "stages", "touchpoints", "personas", "participants", "channels", "insights",
        "actions", "evidence")},
    "journey": lambda cell: (cell.stage, cell.persona),
    "blueprint": lambda cell: cell.stage,
    "emotions": lambda s: (s.participant, s.persona, s.stage, s.touchpoint),
}
_LABELS = {**LIST_LABELS, "journey": N_("cells of the map"),
           "blueprint": N_("stages of the service blueprint"),
           "emotions": N_("emotion scores")}
#: The workshop's own fields, named as the set-up form names them.
_FIELD_LABELS = {
    "title": N_("Workshop title"), "organisation": N_("Organisation"), "scope": N_("Scope"),
    "goal": N_("Goal"), "scenario": N_("Scenario"), "date": N_("Date"),
    "language": N_("Language"), "facilitator": N_("Facilitator"), "state": N_("The map shows"),
    "framework": N_("Stage framework"),
}


def _counts(before: list[Any], after: list[Any], key: Callable[[Any], Hashable]
            ) -> tuple[int, int, int]:
    """``(added, removed, changed)`` between two versions of one list."""
    if before is after:
        return 0, 0, 0
    old = {key(item): item for item in before}
    new = {key(item): item for item in after}
    added = sum(k not in old for k in new)
    removed = sum(k not in new for k in old)
    changed = sum(1 for k, item in new.items()
                  if k in old and old[k] is not item and old[k] != item)
    return added, removed, changed


def describe_changes(before: Workshop, after: Workshop) -> list[str]:
    """One phrase per part of the workshop that differs, in the current language."""
    phrases = []
    fields = [_(label) for name, label in _FIELD_LABELS.items()
              if getattr(before, name) != getattr(after, name)]
    if fields:
        phrases.append(_("set-up: {fields}", fields=", ".join(fields)))
    for name, key in _KEYS.items():
        added, removed, changed = _counts(getattr(before, name), getattr(after, name), key)
        counts = [_(words, count=count) for words, count in (
            (N_("{count} added"), added), (N_("{count} removed"), removed),
            (N_("{count} changed"), changed)) if count]
        if counts:
            phrases.append(_("{part}: {counts}", part=_(_LABELS[name]),
                             counts=", ".join(counts)))
    return phrases
