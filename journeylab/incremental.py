"""The bytes of a workshop file, built and checked part by part, so a save costs its change.

A change returns a new :class:`~journeylab.model.Workshop` that shares every item it left
alone with the one before (``model_copy``, never a change in place). The items of the
workshop last loaded or saved are known to be valid, and their bytes once written are
kept: a save serialises and validates only the items that are new objects, checks the
workshop's own fields, then the references between all parts (the one whole-workshop rule).
The references are checked in full only when a change took an id away; otherwise the lists
that only refer to others (scores, map cells, actions …) are checked for their new items
alone, since the ids their old items refer to are all still there.
The bytes are exactly ``Workshop.model_dump_json(indent=2)`` and a final newline, as
:func:`~journeylab.store.to_json` writes them.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from .errors import Problem, WorkshopInvalid
from .model import Workshop, format_path, problems_from, reference_problems

_ITEM_INDENT = b"    "


def _list_item_types() -> dict[str, type[BaseModel]]:
    found = {}
    for name, info in Workshop.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel):
                found[name] = item
    return found


#: The workshop's lists of models, each with the model of its items.
LISTS = _list_item_types()
#: The workshop's own fields (title, language …): everything that is not a list of parts.
OWN_FIELDS = [name for name in Workshop.model_fields if name not in LISTS]
# the file puts the workshop's own fields first; the parts are joined after them
assert list(Workshop.model_fields) == [*OWN_FIELDS, *LISTS]
#: The lists other parts refer to by id.
TARGETS = ("participants", "stages", "channels", "touchpoints", "personas", "insights")
#: The lists no other part refers to, with what must be unique among their items.
SOURCES = {
    "journey": lambda cell: (cell.stage, cell.persona),
    "blueprint": lambda cell: cell.stage,
    "emotions": lambda s: (s.participant, s.persona, s.stage, s.touchpoint),
    "actions": lambda action: action.id,
    "evidence": lambda source: source.id,
}
assert set(TARGETS) | set(SOURCES) == set(LISTS)


def _ids(workshop: Workshop) -> dict[str, frozenset[str]]:
    return {name: frozenset(item.id for item in getattr(workshop, name)) for name in TARGETS}


def _broken_references(workshop: Workshop, known: Workshop | None,
                       new_items: dict[str, list[BaseModel]]) -> list[Problem]:
    """The broken references of ``workshop``, ``known`` being its valid version before.

    ``new_items`` holds, per list that is not the very list of ``known``, its new items.
    """
    def full() -> list[Problem]:
        return [Problem(format_path(where), message)
                for where, message in reference_problems(workshop)]

    if known is None or workshop.framework != known.framework:
        return full()
    for name in TARGETS:
        if name in new_items and not {item.id for item in getattr(known, name)} <= {
                item.id for item in getattr(workshop, name)}:
            return full()  # an id went: what referred to it may be anywhere
    for name, key in SOURCES.items():  # an unchanged list is unique among itself already
        if name in new_items:
            keys = [key(item) for item in getattr(workshop, name)]
            if len(set(keys)) != len(keys):
                return full()
    # the lists that are referred to in full (they refer to each other), the others with
    # their new items only: their old items refer to ids that are all still there
    only_new = Workshop.model_construct(**{
        **{name: getattr(workshop, name) for name in (*OWN_FIELDS, *TARGETS)},
        **{name: new_items.get(name, []) for name in SOURCES}})
    return full() if next(iter(reference_problems(only_new)), None) is not None else []


def full_bytes(workshop: Workshop) -> bytes:
    """The file's bytes made and checked the slow way, all at once."""
    data = workshop.model_dump_json(indent=2).encode("utf-8") + b"\n"
    try:  # check exactly what will be written: a mutated model may have broken a rule
        Workshop.model_validate_json(data)
    except ValidationError as error:
        raise WorkshopInvalid(problems_from(error)) from None
    return data


def _item_bytes(item: BaseModel) -> bytes:
    return _ITEM_INDENT + item.model_dump_json(indent=2).encode("utf-8").replace(
        b"\n", b"\n" + _ITEM_INDENT)


def _problems_at(error: ValidationError, where: str) -> list[Problem]:
    return [Problem(f"{where}.{p.path}" if p.path else where, p.message)
            for p in problems_from(error)]


@dataclass
class _KnownList:
    """One list of the workshop last saved: the list itself, its items, its bytes."""

    items: list[BaseModel]
    # id(item) → (item, its bytes once made); the item is kept so its id is not reused
    known: dict[int, tuple[BaseModel, bytes | None]]
    part: bytes | None = None  # '  "name": [...]' once made


class SavedParts:
    """What is known of the workshop last loaded or saved: its items, valid, with bytes."""

    def __init__(self) -> None:
        self._lists: dict[str, _KnownList] = {}
        self._workshop: Workshop | None = None  # the valid workshop they belong to

    def trust(self, workshop: Workshop) -> None:
        """Take every item of ``workshop`` (just read and validated whole) as valid."""
        lists = {}
        for name in LISTS:
            items = getattr(workshop, name)
            before = self._lists.get(name)
            if before is not None and before.items is items:
                lists[name] = before
                continue
            old = before.known if before is not None else {}
            known = {}
            for item in items:
                entry = old.get(id(item))
                known[id(item)] = entry if entry is not None and entry[0] is item \
                    else (item, None)
            lists[name] = _KnownList(items, known)
        self._lists, self._workshop = lists, workshop

    def to_bytes(self, workshop: Workshop) -> bytes:
        """The file's bytes for ``workshop``; :class:`WorkshopInvalid` if it breaks a rule.

        Only the items that are new since the last save are made and checked, and a list
        that is the very list saved last is not even looked through; on success the items
        of ``workshop`` become the known ones.
        """
        if type(workshop) is not Workshop:
            return full_bytes(workshop)
        problems: list[Problem] = []
        own = workshop.model_dump_json(indent=2, include=set(OWN_FIELDS)).encode("utf-8")
        try:  # its fields, and the rules of the workshop as a whole on no parts at all
            Workshop.model_validate_json(own)
        except ValidationError as error:
            if any(e["type"] != "references" for e in error.errors(include_url=False)):
                problems += problems_from(error)
        lists: dict[str, _KnownList] = {}
        new_items: dict[str, list[BaseModel]] = {}
        for name, model in LISTS.items():
            items = getattr(workshop, name)
            before = self._lists.get(name)
            if before is not None and before.items is items and before.part is not None:
                lists[name] = before
                continue
            old = before.known if before is not None else {}
            known: dict[int, tuple[BaseModel, bytes | None]] = {}
            fresh = new_items[name] = []
            for index, item in enumerate(items):
                entry = old.get(id(item))
                if entry is not None and entry[0] is item:
                    data = entry[1] if entry[1] is not None else _item_bytes(item)
                elif type(item) is not model:  # not built by the model: check it the slow way
                    return full_bytes(workshop)
                else:
                    data = _item_bytes(item)
                    fresh.append(item)
                    try:
                        model.model_validate_json(data)
                    except ValidationError as error:
                        problems += _problems_at(error, f"{name}[{index}]")
                known[id(item)] = (item, data)
            key = f'  "{name}": '.encode()
            parts = [data for _item, data in known.values()] if len(known) == len(items) \
                else [known[id(item)][1] for item in items]
            lists[name] = _KnownList(items, known, key + b"[]" if not parts
                                     else key + b"[\n" + b",\n".join(parts) + b"\n  ]")
        if not problems:
            problems = _broken_references(workshop, self._workshop, new_items)
        if problems:
            raise WorkshopInvalid(problems)
        self._lists, self._workshop = lists, workshop
        # ``own`` is "{\n" + its fields + "\n}": the parts go between its last field and "}"
        return own[:-2] + b",\n" + b",\n".join(lists[name].part for name in LISTS) + b"\n}\n"
