"""Pure operations on workshops: start one from a framework, and delete parts safely.

Nothing here writes files; every function returns a new :class:`Workshop`. The items a
change touches are checked at once (errors name the field); references between parts are
checked when the workshop is saved, which validates the whole of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from .errors import InUseError, ItemGoneError, JourneyLabError, Problem, WorkshopInvalid
from .i18n import N_, _, language
from .model import (
    LIST_LABELS,
    Action,
    BlueprintCell,
    BlueprintLane,
    Card,
    Channel,
    EmotionScore,
    EvidenceSource,
    Insight,
    JourneyCell,
    Lane,
    Participant,
    Persona,
    Stage,
    Touchpoint,
    Workshop,
    make_id,
    problems_from,
    validate_workshop,
)
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


def item_name(workshop: Workshop, kind: str, item_id: str) -> str | None:
    """What the room calls the ``kind`` with ``item_id`` in ``workshop``; ``None`` if absent."""
    item = next((x for x in getattr(workshop, _LISTS[kind]) if x.id == item_id), None)
    return None if item is None else getattr(item, "name", None) or getattr(item, "title", None)


def _label(workshop: Workshop, kind: str, item_id: str) -> str:
    item = next((x for x in getattr(workshop, _LISTS[kind]) if x.id == item_id), None)
    name = getattr(item, "name", None) or getattr(item, "title", None) or item_id
    return _("{kind} '{name}' ({id})", kind=_(_KIND_LABELS[kind]), name=name, id=item_id)


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
    if kind in ("stage", "persona", "touchpoint"):
        found += [_("customer data '{name}'", name=source.name) for source in workshop.evidence
                  if _evidence_uses(source.model_dump(), kind, item_id)]
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
    _index(workshop, kind, item_id)  # the item is still there
    used_by = dependents(workshop, kind, item_id)
    in_channel = kind == "channel" and any(t.channel == item_id for t in workshop.touchpoints)
    if used_by and (not cascade or in_channel):  # a touchpoint cannot be left without channel
        raise InUseError(_label(workshop, kind, item_id), used_by)
    # only what refers to the item is made anew: a save then checks just those parts
    w = workshop
    lists: dict[str, list[Any]] = {
        _LISTS[kind]: [x for x in getattr(w, _LISTS[kind]) if x.id != item_id]}

    def current(name: str) -> list[Any]:
        return lists.get(name, getattr(w, name))

    if kind in ("stage", "persona"):
        lists["journey"] = [c for c in w.journey if getattr(c, kind) != item_id]
    if kind == "stage":
        lists["blueprint"] = [c for c in w.blueprint if c.stage != item_id]
        lists["touchpoints"] = [
            p.model_copy(update={"stages": [s for s in p.stages if s != item_id]})
            if item_id in p.stages else p for p in current("touchpoints")]
    if kind in ("stage", "persona", "participant", "touchpoint"):
        lists["emotions"] = [s for s in w.emotions if getattr(s, kind) != item_id]
    if kind in ("stage", "persona", "touchpoint"):
        lists["insights"] = [i.model_copy(update={kind: None}) if getattr(i, kind) == item_id
                             else i for i in current("insights")]
        lists["evidence"] = [_evidence_without(source, kind, item_id)
                             for source in w.evidence]
    if kind == "channel":
        lists["personas"] = [
            p.model_copy(update={"channels": [c for c in p.channels if c != item_id]})
            if item_id in p.channels else p for p in current("personas")]
    if kind == "insight":
        lists["actions"] = [
            a.model_copy(update={"insights": [i for i in a.insights if i != item_id]})
            if item_id in a.insights else a for a in w.actions]
    return w.model_copy(update=lists)


def _evidence_without(source: EvidenceSource, kind: str, item_id: str) -> EvidenceSource:
    """``source`` with ``item_id`` forgotten; the same object if it never mentions it."""
    data = source.model_dump()
    if not _evidence_uses(data, kind, item_id):
        return source
    _forget_in_evidence(data, kind, item_id)
    return EvidenceSource.model_validate(data)


def _evidence_uses(source: dict[str, Any], kind: str, item_id: str) -> bool:
    return (item_id in source[f"{kind}_labels"].values()
            or any(cell[kind] == item_id for cell in source["cells"])
            or kind == "stage" and any(item["stage"] == item_id
                                       for item in source["quotes"] + source["words"]))


def _forget_in_evidence(source: dict[str, Any], kind: str, item_id: str) -> None:
    """Customer data without ``item_id``: its labels are then ignored; ratings of a removed
    stage go, those of a removed touchpoint or persona count for the stage as a whole."""
    labels = source[f"{kind}_labels"]
    for label, target in labels.items():
        if target == item_id:
            labels[label] = None
    if kind == "stage":
        source["cells"] = [c for c in source["cells"] if c["stage"] != item_id]
        source["quotes"] = [q for q in source["quotes"] if q["stage"] != item_id]
        source["words"] = [w for w in source["words"] if w["stage"] != item_id]
        return
    merged: dict[tuple, dict[str, Any]] = {}
    for cell in source["cells"]:
        if cell[kind] == item_id:
            cell = {**cell, kind: None}
        key = (cell["stage"], cell["touchpoint"], cell["persona"], cell["month"])
        if key in merged:
            merged[key]["counts"] = [a + b for a, b in zip(merged[key]["counts"],
                                                            cell["counts"], strict=True)]
        else:
            merged[key] = cell
    source["cells"] = list(merged.values())


# -- small changes, as a form makes them ------------------------------------------------------

MODELS: dict[str, type[BaseModel]] = {
    "stage": Stage, "persona": Persona, "participant": Participant, "touchpoint": Touchpoint,
    "channel": Channel, "insight": Insight, "action": Action,
}


def _checked(model: type[BaseModel], data: dict[str, Any], where: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [Problem(f"{where}.{p.path}" if p.path else where, p.message)
                    for p in problems_from(error)]
        raise WorkshopInvalid(problems) from None


def _name_of(data: dict[str, Any]) -> str:
    return str(data.get("name") or data.get("title") or "")


def add(workshop: Workshop, kind: Kind, fields: dict[str, Any]) -> Workshop:
    """``workshop`` with a new ``kind`` made of ``fields``; its id comes from its name."""
    items = getattr(workshop, _LISTS[kind])
    data = dict(fields)
    if not data.get("id"):
        data["id"] = make_id(_name_of(data), (item.id for item in items))
    item = _checked(MODELS[kind], data, f"{_LISTS[kind]}[{len(items)}]")
    if any(existing.id == item.id for existing in items):
        raise JourneyLabError(_("the id '{id}' is used twice in {list}", id=item.id,
                                list=_(LIST_LABELS[_LISTS[kind]])))
    return workshop.model_copy(update={_LISTS[kind]: [*items, item]})


def _index(workshop: Workshop, kind: Kind, item_id: str) -> int:
    for index, item in enumerate(getattr(workshop, _LISTS[kind])):
        if item.id == item_id:
            return index
    raise ItemGoneError(kind, _(_KIND_LABELS[kind]), item_id)


def update(workshop: Workshop, kind: Kind, item_id: str, /, **changes: Any) -> Workshop:
    """``workshop`` with some fields of one item changed; the id never changes."""
    items = list(getattr(workshop, _LISTS[kind]))
    index = _index(workshop, kind, item_id)
    data = {**items[index].model_dump(), **changes, "id": item_id}
    items[index] = _checked(MODELS[kind], data, f"{_LISTS[kind]}[{index}]")
    return workshop.model_copy(update={_LISTS[kind]: items})


def move(workshop: Workshop, kind: Kind, item_id: str, offset: int) -> Workshop:
    """``workshop`` with one item moved ``offset`` places (negative: up), within bounds."""
    items = list(getattr(workshop, _LISTS[kind]))
    index = _index(workshop, kind, item_id)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    return workshop.model_copy(update={_LISTS[kind]: items})


def set_fields(workshop: Workshop, **changes: Any) -> Workshop:
    """``workshop`` with some of its own fields (title, scope, language …) changed."""
    allowed = {"title", "organisation", "scope", "goal", "scenario", "date", "language",
               "facilitator", "state", "framework"}
    unknown = set(changes) - allowed
    if unknown:
        raise JourneyLabError(_("cannot change {fields} here", fields=", ".join(sorted(unknown))))
    own = {**workshop.model_dump(include=allowed | {"schema_version"}), **changes}
    try:  # the fields, then the workshop's own rules (its framework …), on no parts at all
        checked = Workshop.model_validate(own)
    except ValidationError as error:
        raise WorkshopInvalid(problems_from(error)) from None
    return workshop.model_copy(update={name: getattr(checked, name) for name in changes})


def _with_cards(cells: list[Any], index: int | None, new_cell: BaseModel, list_name: str,
                lane: str, cards: list[dict[str, Any]]) -> list[Any]:
    """``cells`` with the ``lane`` cards of cell ``index`` (or of ``new_cell``) replaced."""
    cells = list(cells)
    where = f"{list_name}[{len(cells) if index is None else index}].{lane}"
    checked = [_checked(Card, card, f"{where}[{i}]") for i, card in enumerate(cards)]
    cell = (new_cell if index is None else cells[index]).model_copy(update={lane: checked})
    if index is None:
        cells.append(cell)
    else:
        cells[index] = cell
    return cells


def set_cards(workshop: Workshop, stage: str, persona: str, lane: Lane | str,
              cards: list[dict[str, Any]]) -> Workshop:
    """``workshop`` with the cards of one lane of one stage × persona cell replaced."""
    index = next((i for i, c in enumerate(workshop.journey)
                  if c.stage == stage and c.persona == persona), None)
    journey = _with_cards(workshop.journey, index, JourneyCell(stage=stage, persona=persona),
                          "journey", Lane(lane).value, cards)
    return workshop.model_copy(update={"journey": journey})


def set_blueprint_cards(workshop: Workshop, stage: str, lane: BlueprintLane | str,
                        cards: list[dict[str, Any]]) -> Workshop:
    """``workshop`` with the cards of one service-blueprint lane of ``stage`` replaced."""
    index = next((i for i, c in enumerate(workshop.blueprint) if c.stage == stage), None)
    blueprint = _with_cards(workshop.blueprint, index, BlueprintCell(stage=stage), "blueprint",
                            BlueprintLane(lane).value, cards)
    return workshop.model_copy(update={"blueprint": blueprint})


def set_score(workshop: Workshop, participant: str, persona: str, stage: str,
              score: int | None, comment: str = "", touchpoint: str | None = None) -> Workshop:
    """``workshop`` with one participant's score set (``None`` removes it)."""
    key = (participant, persona, stage, touchpoint)
    emotions = [s for s in workshop.emotions
                if (s.participant, s.persona, s.stage, s.touchpoint) != key]
    if score is not None:
        emotions.append(_checked(EmotionScore, {
            "participant": participant, "persona": persona, "stage": stage,
            "touchpoint": touchpoint, "score": score, "comment": comment},
            f"emotions[{len(emotions)}]"))
    return workshop.model_copy(update={"emotions": emotions})
