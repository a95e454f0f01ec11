"""The bytes of a workshop file, built and checked part by part, so a save costs its change.

A change returns a new :class:`~journeylab.model.Workshop` that shares every item it left
alone with the one before (``model_copy``, never a change in place). The items of the
workshop last loaded or saved are known to be valid, and their bytes once written are
kept: a save serialises and validates only the items that are new objects, checks the
workshop's own fields, then the references between all parts (the one whole-workshop rule).
The bytes are exactly ``Workshop.model_dump_json(indent=2)`` and a final newline, as
:func:`~journeylab.store.to_json` writes them.
"""

from __future__ import annotations

import typing

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


class SavedParts:
    """What is known of the workshop last loaded or saved: its items, valid, with bytes."""

    def __init__(self) -> None:
        # id(item) → (item, its bytes once made); the item is kept so its id is not reused
        self._known: dict[int, tuple[BaseModel, bytes | None]] = {}

    def trust(self, workshop: Workshop) -> None:
        """Take every item of ``workshop`` (just read and validated whole) as valid."""
        known = {}
        for name in LISTS:
            for item in getattr(workshop, name):
                entry = self._known.get(id(item))
                known[id(item)] = entry if entry is not None and entry[0] is item \
                    else (item, None)
        self._known = known

    def to_bytes(self, workshop: Workshop) -> bytes:
        """The file's bytes for ``workshop``; :class:`WorkshopInvalid` if it breaks a rule.

        Only the items that are new since the last save are made and checked; on success
        the items of ``workshop`` become the known ones.
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
        known: dict[int, tuple[BaseModel, bytes | None]] = {}
        lists: list[bytes] = []
        for name, model in LISTS.items():
            parts = []
            for index, item in enumerate(getattr(workshop, name)):
                entry = self._known.get(id(item))
                if entry is not None and entry[0] is item:
                    data = entry[1] if entry[1] is not None else _item_bytes(item)
                elif type(item) is not model:  # not built by the model: check it the slow way
                    return full_bytes(workshop)
                else:
                    data = _item_bytes(item)
                    try:
                        model.model_validate_json(data)
                    except ValidationError as error:
                        problems += _problems_at(error, f"{name}[{index}]")
                known[id(item)] = (item, data)
                parts.append(data)
            key = f'  "{name}": '.encode()
            lists.append(key + b"[]" if not parts
                         else key + b"[\n" + b",\n".join(parts) + b"\n  ]")
        if not problems:
            problems = [Problem(format_path(where), message)
                        for where, message in reference_problems(workshop)]
        if problems:
            raise WorkshopInvalid(problems)
        self._known = known
        # ``own`` is "{\n" + its fields + "\n}": the parts go between its last field and "}"
        return own[:-2] + b",\n" + b",\n".join(lists) + b"\n}\n"
