"""Pure operations on workshops: start one from a framework, and delete parts safely.

Nothing here writes files; every function returns a new, valid :class:`Workshop`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from .errors import InUseError, JourneyLabError
from .i18n import N_, _, language
from .model import Stage, Workshop, validate_workshop
from .presets import FRAMEWORKS

Kind = Literal["stage", "persona", "participant", "touchpoint", "channel", "insight", "action"]
_LISTS: dict[str, str] = {
    "stage": "stages", "persona": "personas", "participant": "participants",
    "touchpoint": "touchpoints", "channel": "channels", "insight": "insights",
    "action": "actions",
}
_KIND_LABELS = {
    "stage": N_("stage"), "persona": N_("persona"), "participant": N_("participant"),
    "touchpoint": N_("touchpoint"), "channel": N_("channel"), "insight": N_("insight"),
    "action": N_("action"),
}


def new_workshop(title: str, language_code: str = "en", framework: str = "six-phases",
                 **fields: Any) -> Workshop:
    """A workshop with the stages of ``framework`` named in ``language_code``."""
    if framework not in FRAMEWORKS:
        raise JourneyLabError(_("unknown stage framework '{id}'; choose one of: {choices}",
                                id=framework, choices=", ".join(FRAMEWORKS)))
    with language(language_code):
        stages = [Stage(id=stage_id, name=name)
                  for stage_id, name in FRAMEWORKS[framework].stage_names()]
    data = {"title": title, "language": language_code, "framework": framework,
            "date": dt.date.today(), **fields,
            "stages": [stage.model_dump() for stage in stages]}
    return validate_workshop(data)


def _label(workshop: Workshop, kind: str, item_id: str) -> str:
    item = next((x for x in getattr(workshop, _LISTS[kind]) if x.id == item_id), None)
    name = getattr(item, "name", None) or getattr(item, "title", None) or item_id
    return f"{_(_KIND_LABELS[kind])} '{name}' ({item_id})"


def dependents(workshop: Workshop, kind: Kind, item_id: str) -> list[str]:
    """What refers to the ``kind`` called ``item_id``, described for a person."""
    found: list[str] = []
    count = {"cells": 0, "scores": 0, "blueprint": 0}
    if kind == "stage":
        found += [_label(workshop, "touchpoint", t.id) for t in workshop.touchpoints
                  if item_id in t.stages]
    if kind in ("stage", "persona"):
        count["cells"] = sum(getattr(c, kind) == item_id for c in workshop.journey)
    if kind == "stage":
        count["blueprint"] = sum(c.stage == item_id for c in workshop.blueprint)
    if kind in ("stage", "persona", "participant", "touchpoint"):
        count["scores"] = sum(getattr(s, kind) == item_id for s in workshop.emotions)
    if kind in ("stage", "persona", "touchpoint"):
        found += [_label(workshop, "insight", i.id) for i in workshop.insights
                  if getattr(i, kind) == item_id]
    if kind == "channel":
        found += [_label(workshop, "touchpoint", t.id) for t in workshop.touchpoints
                  if t.channel == item_id]
        found += [_label(workshop, "persona", p.id) for p in workshop.personas
                  if item_id in p.channels]
    if kind == "insight":
        found += [_label(workshop, "action", a.id) for a in workshop.actions
                  if item_id in a.insights]
    if count["cells"]:
        found.append(_("{count} journey cells (stage × persona)", count=count["cells"]))
    if count["blueprint"]:
        found.append(_("the stage's service blueprint"))
    if count["scores"]:
        found.append(_("{count} emotion scores", count=count["scores"]))
    return found


def remove(workshop: Workshop, kind: Kind, item_id: str, cascade: bool = False) -> Workshop:
    """``workshop`` without the ``kind`` called ``item_id``.

    Raises :class:`InUseError` listing what depends on it, unless ``cascade`` is true: then
    scores and journey cells about it go too, and references to it are cleared elsewhere.
    """
    items = getattr(workshop, _LISTS[kind])
    if not any(item.id == item_id for item in items):
        raise JourneyLabError(_("There is no {kind} '{id}' in this workshop",
                                kind=_(_KIND_LABELS[kind]), id=item_id))
    used_by = dependents(workshop, kind, item_id)
    in_channel = kind == "channel" and any(t.channel == item_id for t in workshop.touchpoints)
    if used_by and (not cascade or in_channel):  # a touchpoint cannot be left without channel
        raise InUseError(_label(workshop, kind, item_id), used_by)
    data = workshop.model_dump()
    data[_LISTS[kind]] = [x for x in data[_LISTS[kind]] if x["id"] != item_id]
    if kind in ("stage", "persona"):
        data["journey"] = [c for c in data["journey"] if c[kind] != item_id]
    if kind == "stage":
        data["blueprint"] = [c for c in data["blueprint"] if c["stage"] != item_id]
        for point in data["touchpoints"]:
            point["stages"] = [s for s in point["stages"] if s != item_id]
    if kind in ("stage", "persona", "participant", "touchpoint"):
        data["emotions"] = [s for s in data["emotions"] if s[kind] != item_id]
    if kind in ("stage", "persona", "touchpoint"):
        for insight in data["insights"]:
            if insight[kind] == item_id:
                insight[kind] = None
    if kind == "channel":
        for persona in data["personas"]:
            persona["channels"] = [c for c in persona["channels"] if c != item_id]
    if kind == "insight":
        for action in data["actions"]:
            action["insights"] = [i for i in action["insights"] if i != item_id]
    return validate_workshop(data)
