"""A workshop as flat tables and back: CSV folders and Excel workbooks for analysts.

:func:`to_tables` cuts a workshop into the tables of :data:`TABLES`, one per concern, in a
fixed order with fixed columns; :func:`from_tables` is its exact inverse. Row order is
meaningful (stage order, card order) and is kept. A few conventions make flat tables hold the
whole workshop:

- lists of ids (a touchpoint's ``stages``, a persona's ``channels``, an action's
  ``insights``) and an evidence cell's ``counts`` (how many customers gave each rating, lowest
  rating first) sit in one cell, separated by spaces (commas and semicolons are read too);
- nested fields are columns with dotted names (``demographics.age``, ``scale.kind``);
- lists of free text and cards are *long* tables with a ``position`` column
  (``persona_items``, ``journey_cards``, ``blueprint_cards``, ``evidence_quotes``,
  ``evidence_words``), so text holding any character survives, and sorting the sheet in Excel
  does not lose the order of the cards;
- a ``journey_cards`` or ``blueprint_cards`` row with an empty ``lane`` (and no position,
  text or evidence) records a cell the room opened but left empty; likewise an
  ``evidence_words`` row with only ``source`` and ``stage`` records a stage without words;
- an empty cell means "no value": the model's default is used.

Each imported evidence source is one row of ``evidence``; the tables after it hold its parts,
each row naming the source by its id in ``source``:

- ``evidence_labels``: how a label of the file's stage, touchpoint or persona column
  (``field``) maps to an id of the workshop (``target``); an empty target means the label is
  deliberately ignored;
- ``evidence_tallies``: why rows were skipped and what was redacted (``field``), by
  ``key``, with their ``count``;
- ``evidence_cells``: one row per stage (and touchpoint, persona and month) with its counts;
- ``evidence_quotes`` and ``evidence_words``: the quotes and, per stage, the most frequent
  words of the comments (one list per stage: rows of the same source and stage form one list).

``imported`` is ISO 8601 text with its UTC offset (``2026-11-22T09:30:00+02:00``), as Excel
cannot store an offset. A tab as the file's separator (``settings.separator``) is written as
the word ``tab``, as a cell does not show a tab; ``tab``, ``\\t`` and the tab itself are read.

Exports of format 1 have no evidence tables: when the ``workshop`` table states
``schema_version`` 1, missing evidence tables are read as empty and the workshop is upgraded
to the current format, as a format-1 JSON file is.

Rows are numbered as a spreadsheet shows them: the header is row 1, so the first data row is
row 2 (in a CSV file without line breaks inside values, that is also line 2).

CSV files are UTF-8 *with* a byte order mark, because Excel opens a CSV without one in the
legacy code page of the computer and garbles Cyrillic and Latvian letters; reading accepts
files with or without the mark. Values are written verbatim, so text starting with ``=`` stays
text for pandas or R, but Excel may take it for a formula when it opens the CSV: for editing in
Excel, prefer the workbook, where every text is stored as text.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import math
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .errors import JourneyLabError, Problem, SchemaTooNewError, TableError, WorkshopInvalid
from .i18n import N_, _
from .migrations import FIRST_VERSION, upgrade
from .model import (SCHEMA_VERSION, BlueprintLane, EvidenceSource, Lane, Workshop,
                    format_path, validate_workshop)
from .store import write_atomically

__all__ = ["ADDED_IN", "REQUIRED", "TABLES", "from_tables", "read_csv", "read_xlsx", "to_tables",
           "write_csv", "write_xlsx"]

_DEMOGRAPHICS = ("age", "gender", "education", "income", "occupation", "location")
_PSYCHOGRAPHICS = ("interests", "lifestyle", "values", "motivations")
_SETTINGS = ("encoding", "separator", "decimal", "date_format", "sheet")
_COLUMN_MAP = ("stage", "touchpoint", "persona", "rating", "comment", "date", "respondent")
_SCALE = ("kind", "low", "high", "step")

#: Every table, in the order written, with its columns in the order written.
TABLES: dict[str, tuple[str, ...]] = {
    "workshop": ("schema_version", "title", "organisation", "scope", "goal", "scenario",
                 "date", "language", "facilitator", "state", "framework"),
    "participants": ("id", "name", "department"),
    "stages": ("id", "name", "description"),
    "channels": ("id", "name", "online"),
    "touchpoints": ("id", "name", "channel", "online", "owner", "stages", "description"),
    "personas": ("id", "name", "tagline", "story",
                 *(f"demographics.{field}" for field in _DEMOGRAPHICS),
                 *(f"psychographics.{field}" for field in _PSYCHOGRAPHICS),
                 "behaviour.habits", "behaviour.devices", "channels"),
    "persona_items": ("persona", "field", "position", "text"),
    "journey_cards": ("stage", "persona", "lane", "position", "text", "evidence"),
    "blueprint_cards": ("stage", "lane", "position", "text", "evidence"),
    "emotions": ("participant", "persona", "stage", "touchpoint", "score", "comment"),
    "insights": ("id", "kind", "title", "description", "stage", "persona", "touchpoint",
                 "votes", "impact", "effort", "evidence"),
    "actions": ("id", "title", "description", "owner", "kpi", "baseline", "target", "unit",
                "due", "status", "insights"),
    "evidence": ("id", "name", "file_name", "fingerprint", "imported",
                 *(f"settings.{field}" for field in _SETTINGS),
                 *(f"columns.{field}" for field in _COLUMN_MAP),
                 *(f"scale.{field}" for field in _SCALE), "rows", "respondents"),
    "evidence_labels": ("source", "field", "label", "target"),
    "evidence_tallies": ("source", "field", "key", "count"),
    "evidence_cells": ("source", "stage", "touchpoint", "persona", "month", "counts"),
    "evidence_quotes": ("source", "position", "stage", "text", "rating", "respondent"),
    "evidence_words": ("source", "stage", "position", "word", "count"),
}

#: The columns a table cannot do without; the others may be left out and take defaults.
REQUIRED: dict[str, tuple[str, ...]] = {
    "workshop": ("title",),
    "participants": ("id", "name"),
    "stages": ("id", "name"),
    "channels": ("id", "name"),
    "touchpoints": ("id", "name", "channel"),
    "personas": ("id", "name"),
    "persona_items": ("persona", "field", "position", "text"),
    "journey_cards": ("stage", "persona", "lane", "position", "text"),
    "blueprint_cards": ("stage", "lane", "position", "text"),
    "emotions": ("participant", "persona", "stage", "score"),
    "insights": ("id", "kind", "title"),
    "actions": ("id", "title"),
    "evidence": ("id", "name", "fingerprint", "imported"),
    "evidence_labels": ("source", "field", "label", "target"),
    "evidence_tallies": ("source", "field", "key", "count"),
    "evidence_cells": ("source", "stage", "counts"),
    "evidence_quotes": ("source", "position", "stage", "text", "rating"),
    "evidence_words": ("source", "stage", "position", "word", "count"),
}

# Tables whose rows are the items of the workshop list of the same name.
_LISTS = ("participants", "stages", "channels", "touchpoints", "personas", "emotions",
          "insights", "actions")
# Columns holding a list in one cell.
_LIST_CELLS = {"touchpoints": "stages", "personas": "channels", "actions": "insights",
               "evidence_cells": "counts"}
_PERSONA_ITEMS = ("goals", "needs", "frustrations")
_CARD_FIELDS = ("position", "text", "evidence")
# Tables of the dictionaries of an evidence source: the column of the keys, the column of the
# values, and the dictionary each value of the ``field`` column names.
_MAPPINGS = {
    "evidence_labels": ("label", "target", {field: f"{field}_labels"
                                            for field in ("stage", "touchpoint", "persona")}),
    "evidence_tallies": ("key", "count", {"skipped": "skipped", "redacted": "redacted"}),
}
#: The file format that added each table: an export of an older format lacks it.
ADDED_IN = dict.fromkeys(("evidence", "evidence_labels", "evidence_tallies", "evidence_cells",
                          "evidence_quotes", "evidence_words"), 2)
# A tab is invisible in a cell, so a separator that is a tab is written as a word; the word
# or the escape ``\t`` is read as a tab.
_TAB_COLUMNS = ("settings.separator",)
_TAB_WORD = "tab"
_TAB_NAMES = (_TAB_WORD, "\\t")
_UNKNOWN_SOURCE = N_("there is no evidence source '{id}' in the evidence table")
_IDS_SEPARATOR = re.compile(r"[\s,;]+")
_WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")
_PARENT = re.compile(r"(?:\.[^.\[\]]+|\[\d+\])$")


# -- workshop → tables ------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return " ".join(map(str, value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _row(item: Any, columns: Iterable[str]) -> dict[str, Any]:
    row = {column: _plain(attrgetter(column)(item)) for column in columns}
    for column in _TAB_COLUMNS:
        if row.get(column) == "\t":
            row[column] = _TAB_WORD
    return row


def _long_rows(table: str, key: dict[str, Any],
               lists: Iterable[tuple[dict[str, Any], list[Any]]]) -> list[dict[str, Any]]:
    """Rows of a long table: the items of each list under ``key`` and the list's own columns,
    numbered from 1; a key without any item keeps one row with nothing else filled."""
    columns = TABLES[table]
    empty, item_columns = dict.fromkeys(columns), columns[columns.index("position") + 1:]
    rows = [{**empty, **key, **group, "position": position, **_row(item, item_columns)}
            for group, items in lists for position, item in enumerate(items, start=1)]
    return rows or [{**empty, **key}]


def _card_rows(table: str, cell: Any, lanes: Iterable[Enum],
               key: dict[str, str]) -> list[dict[str, Any]]:
    return _long_rows(table, key, (({"lane": lane.value}, getattr(cell, lane.value))
                                   for lane in lanes))


def _evidence_tables(sources: list[EvidenceSource]) -> dict[str, list[dict[str, Any]]]:
    tables = {"evidence": [_row(source, TABLES["evidence"]) for source in sources]}
    for table, (key_column, value_column, dictionaries) in _MAPPINGS.items():
        tables[table] = [
            {"source": source.id, "field": field, key_column: key, value_column: value}
            for source in sources for field, dictionary in dictionaries.items()
            for key, value in getattr(source, dictionary).items()]
    tables["evidence_cells"] = [{"source": source.id,
                                 **_row(cell, TABLES["evidence_cells"][1:])}
                                for source in sources for cell in source.cells]
    tables["evidence_quotes"] = [row for source in sources if source.quotes
                                 for row in _long_rows("evidence_quotes", {"source": source.id},
                                                       [({}, source.quotes)])]
    tables["evidence_words"] = [
        row for source in sources for group in source.words
        for row in _long_rows("evidence_words", {"source": source.id, "stage": group.stage},
                              [({}, group.words)])]
    return tables


def to_tables(workshop: Workshop) -> dict[str, list[dict[str, Any]]]:
    """Cut ``workshop`` into flat tables.

    Parameters
    ----------
    workshop : Workshop
        The workshop to flatten.

    Returns
    -------
    dict of str to list of dict
        One entry per table of :data:`TABLES`, in that order; each row maps every column to
        a ``str``, ``int``, ``float``, ``bool``, ``datetime.date`` or ``None`` (no value).
        ``pandas.DataFrame(rows, columns=TABLES[name])`` gives a frame per table.
    """
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    tables["workshop"].append(_row(workshop, TABLES["workshop"]))
    for name in _LISTS:
        tables[name] = [_row(item, TABLES[name]) for item in getattr(workshop, name)]
    tables["persona_items"] = [
        {"persona": persona.id, "field": field, "position": position, "text": text}
        for persona in workshop.personas for field in _PERSONA_ITEMS
        for position, text in enumerate(getattr(persona, field), start=1)]
    tables["journey_cards"] = [
        row for cell in workshop.journey
        for row in _card_rows("journey_cards", cell, Lane,
                              {"stage": cell.stage, "persona": cell.persona})]
    tables["blueprint_cards"] = [
        row for cell in workshop.blueprint
        for row in _card_rows("blueprint_cards", cell, BlueprintLane, {"stage": cell.stage})]
    tables.update(_evidence_tables(workshop.evidence))
    return tables


def _as_text(value: Any) -> str:
    """A cell as the text a model field parses; Excel's numbers and dates written back."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):  # what pandas puts in an empty cell
            return ""
        if value.is_integer() and abs(value) < 1e15:  # Excel stores every number as a float
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# -- tables → workshop ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sheet:
    """One table as read: its header and its rows of raw cells, named for messages."""

    name: str
    label: str  # names the file (and sheet) in a TableError, which stands alone
    short: str  # names the table in a problem listed under the file's name
    header: list[Any]
    rows: list[list[Any]]  # rows[i] is row i + 2: the header is row 1


@dataclass(frozen=True)
class _Place:
    sheet: _Sheet
    row: int
    column: str | None = None

    def describe(self) -> str:
        if self.column is None:
            return _("{source}, row {row}", source=self.sheet.short, row=self.row)
        return _("{source}, row {row}, column '{column}'", source=self.sheet.short,
                 row=self.row, column=self.column)

    def error(self, reason: str) -> TableError:
        return TableError(self.sheet.label, reason, self.row, self.column)


def _records(sheet: _Sheet) -> list[tuple[int, dict[str, str]]]:
    """The non-blank rows of ``sheet`` as text by column, after checking its header."""
    width = max([len(sheet.header), *map(len, sheet.rows)])
    header = [_as_text(cell).strip() for cell in sheet.header]
    header += [""] * (width - len(header))
    columns, named = TABLES[sheet.name], set()
    for column in header:
        if not column:
            continue
        if column not in columns:
            raise TableError(sheet.label, _("this column is not part of the table; the "
                                            "columns are: {columns}",
                                            columns=", ".join(columns)), 1, column)
        if column in named:
            raise TableError(sheet.label, _("the column '{column}' appears twice",
                                            column=column), 1, column)
        named.add(column)
    for column in REQUIRED[sheet.name]:
        if column not in named and (sheet.header or sheet.rows):
            raise TableError(sheet.label, _("the column '{column}' is missing",
                                            column=column), 1)
    records = []
    for number, cells in enumerate(sheet.rows, start=2):
        texts = [_as_text(cell) for cell in cells]
        texts += [""] * (width - len(texts))
        for index, text in enumerate(texts):
            if text and not header[index]:
                raise TableError(sheet.label, _("column {number} has values but no name in "
                                                "the header row", number=index + 1), number)
        if any(texts):
            named_texts = zip(header, texts, strict=True)
            records.append((number, {column: text for column, text in named_texts if column}))
    return records


def _position(place: _Place, text: str) -> int:
    if not text:
        raise place.error(_("must not be empty"))
    if not _WHOLE_NUMBER.fullmatch(text):
        raise place.error(_("must be a whole number"))
    return int(text)


class _Entry(NamedTuple):
    """One row of a long table, kept with its position until the rows are sorted."""

    position: int
    row: int
    value: Any


def _in_order(entries: list[_Entry]) -> list[_Entry]:
    return sorted(entries, key=attrgetter("position"))  # stable: equal positions keep rows


def _choice(place: _Place, text: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    if text not in choices:
        raise place.error(_("must be one of: {expected}", expected=", ".join(choices)))
    return text


def _only_row(sheet: _Sheet,
              records: list[tuple[int, dict[str, str]]]) -> tuple[int, dict[str, str]]:
    """The one row of the workshop table."""
    if not records:
        raise _Place(sheet, 2).error(_("this table needs one row under the header, with "
                                       "the workshop's title and settings"))
    if len(records) > 1:
        raise _Place(sheet, records[1][0]).error(_(
            "this table holds one workshop: only one row is allowed under the header"))
    return records[0]


def _schema_version(sheet: _Sheet) -> int:
    """The file format the workshop table states; the current one if it states none."""
    row, record = _only_row(sheet, _records(sheet))
    text = record.get("schema_version", "")
    if not text:
        return SCHEMA_VERSION
    place = _Place(sheet, row, "schema_version")
    version = _position(place, text)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(sheet.label, version, SCHEMA_VERSION)
    if version < FIRST_VERSION:
        raise place.error(_("file format {version} never existed", version=version))
    return version


class _Assembly:
    """Plain workshop data built from checked tables, remembering where each value came from."""

    def __init__(self, sheets: Mapping[str, _Sheet], version: int) -> None:
        self.sheets = sheets
        self.version = version
        self.records = {name: _records(sheet) for name, sheet in sheets.items()}
        self.places: dict[str, _Place] = {}

    def note(self, path: tuple, sheet: str, row: int, column: str | None = None) -> None:
        self.places[format_path(path)] = _Place(self.sheets[sheet], row, column)

    def fields(self, sheet: str, prefix: tuple, row: int,
               record: dict[str, str]) -> dict[str, Any]:
        """One model object from one row: dotted columns nest, lists in one cell split."""
        item: dict[str, Any] = {}
        self.note(prefix, sheet, row)
        for column, text in record.items():
            parts = column.split(".")
            self.note((*prefix, *parts), sheet, row, column)
            for depth in range(1, len(parts)):  # a nested object's own problem: its first column
                self.places.setdefault(format_path((*prefix, *parts[:depth])),
                                       _Place(self.sheets[sheet], row, column))
            if not text:
                continue  # no value: the model's default
            if column in _TAB_COLUMNS and text.strip().lower() in _TAB_NAMES:
                text = "\t"
            target = item
            for part in parts[:-1]:
                target = target.setdefault(part, {})
            target[parts[-1]] = ([i for i in _IDS_SEPARATOR.split(text) if i]
                                 if _LIST_CELLS.get(sheet) == column else text)
        return item

    def items(self, sheet: str, path: tuple, entries: list[_Entry]) -> list[dict[str, Any]]:
        """The items of long-table rows in the order of their positions, each one at ``path``
        followed by its index."""
        return [self.fields(sheet, (*path, k), entry.row, entry.value)
                for k, entry in enumerate(_in_order(entries))]

    def owned(self, sheet: str, owners: list[dict[str, Any]],
              unknown: str) -> Iterator[tuple[int, int, dict[str, str]]]:
        """Each row of a table whose first column names its owner by id: the index of the
        owner in ``owners``, the row, and the other columns; ``unknown`` says an id is not
        there."""
        column = TABLES[sheet][0]
        index: dict[Any, int] = {}
        for i, owner in enumerate(owners):
            index.setdefault(owner.get("id"), i)
        for row, record in self.records[sheet]:
            place, owner = _Place(self.sheets[sheet], row, column), record.get(column, "")
            if not owner:
                raise place.error(_("must not be empty"))
            if owner not in index:
                raise place.error(_(unknown, id=owner))
            yield index[owner], row, {name: text for name, text in record.items()
                                      if name != column}

    def workshop(self) -> dict[str, Any]:
        row, record = _only_row(self.sheets["workshop"], self.records["workshop"])
        return {**self.fields("workshop", (), row, record), "schema_version": self.version}

    def persona_items(self, personas: list[dict[str, Any]]) -> None:
        grouped: dict[tuple[int, str], list[_Entry]] = {}
        sheet = self.sheets["persona_items"]
        for i, row, record in self.owned("persona_items", personas,
                                         N_("there is no persona '{id}' in the personas "
                                            "table")):
            field = _choice(_Place(sheet, row, "field"), record["field"], _PERSONA_ITEMS)
            position = _position(_Place(sheet, row, "position"), record["position"])
            grouped.setdefault((i, field), []).append(_Entry(position, row, record["text"]))
        for (i, field), entries in grouped.items():
            entries = _in_order(entries)
            personas[i][field] = [entry.value for entry in entries]
            for k, entry in enumerate(entries):
                self.note(("personas", i, field, k), "persona_items", entry.row, "text")

    def cells(self, sheet: str, path: str, keys: tuple[str, ...],
              lanes: type[Enum]) -> list[dict[str, Any]]:
        """Journey or blueprint cells from long card rows, in order of first appearance."""
        cells: dict[tuple[str, ...], tuple[dict[str, Any], dict[str, list[_Entry]]]] = {}
        for row, record in self.records[sheet]:
            key = tuple(record[column] for column in keys)
            if key not in cells:
                i = len(cells)
                identity = dict(zip(keys, key, strict=True))
                cells[key] = (self.fields(sheet, (path, i), row, identity), {})
            cell, cards = cells[key]
            place = _Place(self.sheets[sheet], row, "lane")
            if not record["lane"]:
                if any(record.get(column) for column in _CARD_FIELDS):
                    raise place.error(_(
                        "a card needs a lane, one of: {expected}; a row without a lane only "
                        "marks an empty cell, so its position, text and evidence stay empty",
                        expected=", ".join(lane.value for lane in lanes)))
                continue
            lane = _choice(place, record["lane"], (lane.value for lane in lanes))
            position = _position(_Place(place.sheet, row, "position"), record["position"])
            card = {column: record[column] for column in ("text", "evidence")
                    if column in record}
            cards.setdefault(lane, []).append(_Entry(position, row, card))
        result = []
        for i, (cell, cards) in enumerate(cells.values()):
            for lane, entries in cards.items():
                cell[lane] = self.items(sheet, (path, i, lane), entries)
            result.append(cell)
        return result

    def evidence(self) -> list[dict[str, Any]]:
        """The evidence sources, each gathered from its row and the rows naming it."""
        sources = [self.fields("evidence", ("evidence", i), row, record)
                   for i, (row, record) in enumerate(self.records["evidence"])]
        for table, (key_column, value_column, dictionaries) in _MAPPINGS.items():
            for i, row, record in self.owned(table, sources, _UNKNOWN_SOURCE):
                place = _Place(self.sheets[table], row, "field")
                field = dictionaries[_choice(place, record["field"], dictionaries)]
                entries = sources[i].setdefault(field, {})
                key = record[key_column]
                if key in entries:
                    raise _Place(place.sheet, row, key_column).error(_(
                        "'{key}' appears twice for this source and field", key=key))
                entries[key] = record[value_column] or None
                self.note(("evidence", i, field, key), table, row, value_column)
                self.note(("evidence", i, field, key, "[key]"), table, row, key_column)
        for i, row, record in self.owned("evidence_cells", sources, _UNKNOWN_SOURCE):
            cells = sources[i].setdefault("cells", [])
            cells.append(self.fields("evidence_cells", ("evidence", i, "cells", len(cells)),
                                     row, record))
        self.quotes(sources)
        self.words(sources)
        return sources

    def quotes(self, sources: list[dict[str, Any]]) -> None:
        grouped: dict[int, list[_Entry]] = {}
        sheet = self.sheets["evidence_quotes"]
        for i, row, record in self.owned("evidence_quotes", sources, _UNKNOWN_SOURCE):
            position = _position(_Place(sheet, row, "position"), record["position"])
            quote = {column: text for column, text in record.items() if column != "position"}
            grouped.setdefault(i, []).append(_Entry(position, row, quote))
        for i, entries in grouped.items():
            sources[i]["quotes"] = self.items("evidence_quotes", ("evidence", i, "quotes"),
                                              entries)

    def words(self, sources: list[dict[str, Any]]) -> None:
        """Each stage's words, in order of first appearance; a row without position, word and
        count marks a stage without words."""
        grouped: dict[tuple[int, str], tuple[int, list[_Entry]]] = {}
        sheet = self.sheets["evidence_words"]
        for i, row, record in self.owned("evidence_words", sources, _UNKNOWN_SOURCE):
            entries = grouped.setdefault((i, record["stage"]), (row, []))[1]
            word = {column: record[column] for column in ("word", "count")}
            if record["position"] or any(word.values()):
                position = _position(_Place(sheet, row, "position"), record["position"])
                entries.append(_Entry(position, row, word))
        for (i, stage), (first, entries) in grouped.items():
            groups = sources[i].setdefault("words", [])
            path = ("evidence", i, "words", len(groups))
            self.note(path, "evidence_words", first)
            self.note((*path, "stage"), "evidence_words", first, "stage")
            groups.append({"stage": stage,
                           "words": self.items("evidence_words", (*path, "words"), entries)})

    def data(self) -> dict[str, Any]:
        data = self.workshop()
        for name in _LISTS:
            data[name] = [self.fields(name, (name, i), row, record)
                          for i, (row, record) in enumerate(self.records[name])]
        self.persona_items(data["personas"])
        data["journey"] = self.cells("journey_cards", "journey", ("stage", "persona"), Lane)
        data["blueprint"] = self.cells("blueprint_cards", "blueprint", ("stage",),
                                       BlueprintLane)
        data["evidence"] = self.evidence()
        return data

    def locate(self, problem: Problem) -> Problem:
        """``problem`` with its model path replaced by the table, row and column it came from."""
        path = problem.path
        while path:
            if path in self.places:
                return Problem(self.places[path].describe(), problem.message)
            parent = _PARENT.sub("", path)
            if parent == path:  # a label holding brackets: no parent to fall back on
                break
            path = parent
        return problem


def _assemble(sheets: Mapping[str, _Sheet], source: str | Path | None,
              missing: Callable[[str], TableError]) -> Workshop:
    """The workshop held by the tables read; ``missing`` is the error for a table not found.

    Tables the format stated in the workshop table did not have yet are read as empty, and the
    data is upgraded to the current format before it is checked.
    """
    if "workshop" not in sheets:
        raise missing("workshop")
    version = _schema_version(sheets["workshop"])
    for name in TABLES:
        if name not in sheets and version >= ADDED_IN.get(name, FIRST_VERSION):
            raise missing(name)
    assembly = _Assembly({name: sheets.get(name) or _Sheet(name, name, name, [], [])
                          for name in TABLES}, version)
    data = upgrade(assembly.data(), source or "")
    try:
        return validate_workshop(data, source)
    except WorkshopInvalid as error:
        raise WorkshopInvalid([assembly.locate(p) for p in error.problems], source) from None


def from_tables(tables: Mapping[str, Iterable[Mapping[str, Any]]],
                source: str | Path | None = None) -> Workshop:
    """The workshop held by ``tables``: the exact inverse of :func:`to_tables`.

    Parameters
    ----------
    tables : mapping of str to iterable of mapping
        Every table of :data:`TABLES` (tables of :data:`ADDED_IN` may be left out of older
        formats), each a list of rows mapping column to cell. Cells may be text or the
        values :func:`to_tables` gives; ``None`` and ``""`` mean no value.
    source : str or Path, optional
        What the tables were read from, named in errors.

    Returns
    -------
    Workshop

    Raises
    ------
    TableError
        A table or column is missing or unknown, or a cell cannot be read (row 2 is the
        first row of a table, as in a spreadsheet with its header in row 1).
    WorkshopInvalid
        The workshop breaks a rule of the model; each problem names table, row and column.
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise TableError(source or unknown[0], _("unknown table '{table}'; the tables are: "
                                                 "{tables}", table=unknown[0],
                                                 tables=", ".join(TABLES)))
    sheets = {}
    for name in (name for name in TABLES if name in tables):
        records = [dict(record) for record in tables[name]]
        header = list(dict.fromkeys(column for record in records for column in record))
        rows = [[record.get(column) for column in header] for record in records]
        sheets[name] = _Sheet(name, name, name, header, rows)
    return _assemble(sheets, source, lambda name: TableError(
        source or name, _("the table '{table}' is missing", table=name)))


# -- files ------------------------------------------------------------------------------------

def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TableError(path, _("there is no file here")) from None
    except OSError as error:
        raise TableError(path, error.strerror or str(error)) from None
    if not raw.strip():
        raise TableError(path, _("the file is empty"))
    return raw


def _separator(text: str) -> str:
    """``,`` as written here, or ``;``/tab as Excel writes CSV in many European settings."""
    header = text.split("\n", 1)[0]
    return max(",;\t", key=header.count)


def _read_csv_table(path: Path, name: str) -> _Sheet:
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TableError(path, _("the file is not UTF-8 text (line {line}); in Excel, save "
                                 "it as 'CSV UTF-8'", line=line)) from None
    if not text.strip():
        raise TableError(path, _("the file is empty"))
    rows: list[list[str]] = []
    try:
        # Rows stay as records, so a row number matches the row Excel shows even when a
        # value holds line breaks; blank lines are kept so later rows keep their numbers.
        rows.extend(csv.reader(io.StringIO(text, newline=""), strict=True,
                               delimiter=_separator(text)))
    except csv.Error:
        raise TableError(path, _("the file is not valid CSV: a quoted value is not closed "
                                 "properly"), len(rows) + 1) from None
    return _Sheet(name, str(path), path.name, rows[0], rows[1:])


def read_csv(folder: str | Path) -> Workshop:
    """Read a workshop from a folder of CSV files written by :func:`write_csv`.

    Parameters
    ----------
    folder : str or Path
        The folder holding one ``<table>.csv`` per table of :data:`TABLES` (or of the
        older format its ``workshop.csv`` states).

    Returns
    -------
    Workshop

    Raises
    ------
    TableError
        A file is missing, empty, not UTF-8 or not CSV, or a table cannot be read.
    WorkshopInvalid
        The workshop breaks a rule of the model; each problem names file, row and column.
    """
    folder = Path(folder)
    if not folder.is_dir():
        reason = (_("this is not a folder: give the folder that holds the CSV files")
                  if folder.exists() else _("there is no folder here"))
        raise TableError(folder, reason)
    paths = {name: folder / f"{name}.csv" for name in TABLES}
    return _assemble({name: _read_csv_table(path, name) for name, path in paths.items()
                      if path.exists()}, folder,
                     lambda name: TableError(paths[name], _(
                         "the file is missing: every table of a workshop needs its own CSV "
                         "file")))


def _csv_bytes(name: str, rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(TABLES[name])
    writer.writerows([_as_text(row[column]) for column in TABLES[name]] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_csv(workshop: Workshop, folder: str | Path) -> Path:
    """Write ``workshop`` as one UTF-8 CSV file per table into ``folder``.

    The files are written into a new folder beside ``folder`` and swapped in by renaming, so a
    failure leaves the folder as it was. An existing folder is replaced only if it holds
    nothing but the table files.

    Parameters
    ----------
    workshop : Workshop
        The workshop to write.
    folder : str or Path
        The folder to create or replace.

    Returns
    -------
    Path
        The folder written.
    """
    folder = Path(folder)
    files = {f"{name}.csv": _csv_bytes(name, rows) for name, rows in to_tables(workshop).items()}
    if folder.exists():
        if not folder.is_dir():
            raise JourneyLabError(_("{path} is a file; choose a folder for the CSV tables",
                                    path=folder))
        others = sorted(child.name for child in folder.iterdir() if child.name not in files)
        if others:
            raise JourneyLabError(_("{path} holds files that are not workshop tables "
                                    "({names}); choose a new or empty folder",
                                    path=folder, names=", ".join(others[:5])))
    fresh = aside = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        for filename, data in files.items():
            (fresh / filename).write_bytes(data)
        if folder.exists():
            # A folder cannot be replaced in one rename: move the old one aside first, and
            # back if the new one cannot take its place.
            aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
            os.rename(folder, aside / folder.name)
            try:
                os.rename(fresh, folder)
            except OSError:
                os.rename(aside / folder.name, folder)
                raise
        else:
            os.rename(fresh, folder)
    except OSError as error:
        raise JourneyLabError(_("Cannot write {path}: {reason}", path=folder,
                                reason=error.strerror or str(error))) from None
    finally:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        if aside is not None and folder.exists():  # else the old tables survive only there
            shutil.rmtree(aside, ignore_errors=True)
    return folder


_BOLD = Font(bold=True)
_WRAPPED = Alignment(wrap_text=True, vertical="top")
# Excel has no dates before 1900 and counts a 29 February 1900 that never was, so earlier
# dates are stored as ISO text, which Excel shows as written.
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)


def _xlsx_value(value: Any) -> Any:
    """A cell value Excel shows as the right type and openpyxl reads back unchanged."""
    if isinstance(value, float) and float("%.16g" % value) != value:
        return repr(value)  # openpyxl writes 16 digits; text keeps the exact number
    if isinstance(value, dt.date) and value < _FIRST_EXCEL_DATE:
        return value.isoformat()
    return value


def _fill_sheet(sheet: Worksheet, name: str, rows: list[dict[str, Any]]) -> None:
    columns = TABLES[name]
    sheet.append(columns)
    widths = [len(column) for column in columns]
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns):
            value = _xlsx_value(row[column])
            if value is None or value == "":
                continue
            cell = sheet.cell(number, index + 1)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text such as "=SUM(A1)" stays text, not a formula
                if "\n" in value:
                    cell.alignment = _WRAPPED
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            text = _as_text(value)
            widths[index] = max(widths[index], *(len(line) for line in text.split("\n")))
    for cell in sheet[1]:
        cell.font = _BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6), 60) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def write_xlsx(workshop: Workshop, path: str | Path) -> Path:
    """Write ``workshop`` as an Excel workbook with one sheet per table.

    Header rows are bold and frozen; numbers, yes/no values and dates are stored as such,
    every text as text (never as a formula). The file is replaced in one rename.

    Parameters
    ----------
    workshop : Workshop
        The workshop to write.
    path : str or Path
        The ``.xlsx`` file to create or replace.

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    for name, rows in to_tables(workshop).items():
        _fill_sheet(book.create_sheet(name), name, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, buffer.getvalue())
    except OSError as error:
        raise JourneyLabError(_("Cannot write {path}: {reason}", path=path,
                                reason=error.strerror or str(error))) from None
    return path


@contextlib.contextmanager
def _openpyxl_reading(path: Path, label: str | None = None) -> Iterator[None]:
    """Turn whatever a damaged workbook makes openpyxl raise into a :class:`TableError`."""
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it drops (validation, extensions): the cell
        # values, all that is read here, are unaffected.
        warnings.simplefilter("ignore")
        try:
            yield
        except Exception:  # zipfile, XML and key errors all mean a damaged file
            raise TableError(label or path, _("this is not an Excel workbook (.xlsx), or the "
                                              "file is damaged")) from None


def read_xlsx(path: str | Path) -> Workshop:
    """Read a workshop from an Excel workbook written by :func:`write_xlsx`.

    Cells Excel turned into numbers or dates are read back as text or ISO dates.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file, with one sheet per table of :data:`TABLES` (or of the older
        format its ``workshop`` sheet states).

    Returns
    -------
    Workshop

    Raises
    ------
    TableError
        The file is missing or not a workbook, a sheet is missing, or a table cannot be read.
    WorkshopInvalid
        The workshop breaks a rule of the model; each problem names sheet, row and column.
    """
    path = Path(path)
    raw = _read_bytes(path)
    with _openpyxl_reading(path):
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        sheets = {}
        for name in (name for name in TABLES if name in book.sheetnames):
            label = _("{path}, sheet '{sheet}'", path=path, sheet=name)
            with _openpyxl_reading(path, label):
                rows = [list(row) for row in book[name].iter_rows(values_only=True)]
            sheets[name] = _Sheet(name, label, _("sheet '{sheet}'", sheet=name),
                                  rows[0] if rows else [], rows[1:])
    finally:
        book.close()
    return _assemble(sheets, path, lambda name: TableError(path, _(
        "there is no sheet '{sheet}': every table of a workshop needs its own sheet",
        sheet=name)))

