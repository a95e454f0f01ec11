"""Workshops as CSV folders and Excel workbooks: exact round trips, and errors that say where."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from journeylab import tables
from journeylab.errors import (
    JourneyLabError,
    SchemaTooNewError,
    TableError,
    WorkshopInvalid,
)
from journeylab.model import (
    SCHEMA_VERSION,
    Action,
    BlueprintCell,
    BlueprintLane,
    Card,
    Channel,
    ColumnMap,
    EmotionScore,
    EvidenceCell,
    EvidenceSource,
    Insight,
    JourneyCell,
    Lane,
    Participant,
    Persona,
    Quote,
    ReadSettings,
    Scale,
    Stage,
    StageWords,
    Touchpoint,
    WordCount,
    Workshop,
    validate_workshop,
)
from journeylab.store import load_workshop
from journeylab.tables import (
    ADDED_IN,
    TABLES,
    from_tables,
    read_csv,
    read_xlsx,
    to_tables,
    write_csv,
    write_xlsx,
)

from .strategies import workshops

BOM = b"\xef\xbb\xbf"
ROUND_TRIP = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])

SAMPLE = validate_workshop({
    "title": "Онлайн банкинг: ķēde", "organisation": "007", "date": "2026-11-22",
    "language": "lv", "framework": "custom",
    "participants": [{"id": "anna", "name": "Anna"}, {"id": "007", "name": "Bond"}],
    "stages": [{"id": "research", "name": "Izpēte", "description": "a\n\"b\"; c, d"},
               {"id": "offer", "name": "Piedāvājums"}],
    "touchpoints": [{"id": "site", "name": "Vietne", "channel": "website",
                     "stages": ["research", "offer"]}],
    "personas": [{"id": "maria", "name": "Мария", "demographics": {"age": "007"},
                  "goals": ["NA", "=SUM(A1)"], "needs": ["null"]}],
    "journey": [{"stage": "research", "persona": "maria",
                 "goals": [{"text": "Найти, \"быстро\"; да", "evidence": "survey"},
                           {"text": "второе"}]},
                {"stage": "offer", "persona": "maria"}],
    "blueprint": [{"stage": "offer", "systems": [{"text": "CRM"}]}],
    "emotions": [{"participant": "anna", "persona": "maria", "stage": "research", "score": -2},
                 {"participant": "007", "persona": "maria", "stage": "offer", "score": 3,
                  "touchpoint": "site", "comment": "😀"}],
    "insights": [{"id": "slow", "kind": "pain_point", "title": "Slow", "stage": "research",
                  "votes": 4}],
    "actions": [{"id": "fix", "title": "Fix", "baseline": 4.5,
                 "target": 0.30000000000000004, "due": "2027-01-31", "insights": ["slow"]}],
    "evidence": [{
        "id": "survey", "name": "Aptauja 2026", "file_name": "aptauja.csv",
        "fingerprint": "0123456789abcdef" * 4, "imported": "2026-11-20T09:30:00+02:00",
        "settings": {"encoding": "cp1257", "separator": "\t", "decimal": ",",
                     "date_format": "%d.%m.%Y"},
        "columns": {"stage": "Posms", "rating": "Vērtējums", "comment": "Комментарий"},
        "scale": {"kind": "csat", "low": 1, "high": 5},
        "stage_labels": {"Исследование": "research", "007": "offer", "=SUM(A1)": None,
                         "Piedāvājums, jauns": "offer"},
        "touchpoint_labels": {"Сайт": "site"}, "persona_labels": {"Мария": "maria"},
        "rows": 12, "skipped": {"no_rating": 2}, "redacted": {"email": 1}, "respondents": 10,
        "cells": [{"stage": "research", "counts": [0, 1, 2, 3, 4]},
                  {"stage": "offer", "touchpoint": "site", "persona": "maria",
                   "month": "2026-10", "counts": [1, 0, 0, 0, 12]}],
        "quotes": [{"stage": "research", "text": "Долго, \"очень\"\nдолго", "rating": 2},
                   {"stage": "offer", "text": "Ātri", "rating": 5,
                    "respondent": "0123456789012345"}],
        "words": [{"stage": "research", "words": [{"word": "долго", "count": 3},
                                                  {"word": "007", "count": 1}]},
                  {"stage": "offer"}],
    }],
})


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` with its bytes and modification time."""
    found = {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
             for p in sorted(root.rglob("*")) if p.is_file()}
    assert found, f"no files under {root}"
    return found


def _fails(read: Callable[[Path], Workshop], path: Path, error: type[Exception]) -> Exception:
    """Reading ``path`` raises ``error`` and changes nothing on disk."""
    root = path if path.is_dir() else path.parent
    before = _files(root)
    with pytest.raises(error) as caught:
        read(path)
    assert _files(root) == before
    return caught.value


def _edit_csv(path: Path, change: Callable[[list[list[str]]], object]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _set(rows: list[list[str]], row: int, column: str, value: str) -> None:
    """Set the cell at spreadsheet ``row`` (header = 1) under ``column``."""
    rows[row - 1][rows[0].index(column)] = value


@pytest.fixture
def csv_folder(tmp_path: Path) -> Path:
    return write_csv(SAMPLE, tmp_path / "tables")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_xlsx(SAMPLE, tmp_path / "workshop.xlsx")


# -- round trips ------------------------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(workshop=workshops())
def test_tables_round_trip_in_fixed_layout(workshop: Workshop) -> None:
    cut = to_tables(workshop)
    assert list(cut) == list(TABLES)
    for name, rows in cut.items():
        assert all(list(row) == list(TABLES[name]) for row in rows)
    assert len(cut["workshop"]) == 1
    assert from_tables(cut) == workshop


@ROUND_TRIP
@given(workshop=workshops())
def test_csv_round_trip(workshop: Workshop, tmp_path: Path) -> None:
    folder = tmp_path / "tables"  # replaced by every example, which exercises the swap too
    write_csv(workshop, folder)
    assert read_csv(folder) == workshop


@ROUND_TRIP
@given(workshop=workshops())
def test_xlsx_round_trip(workshop: Workshop, tmp_path: Path) -> None:
    path = tmp_path / "workshop.xlsx"
    write_xlsx(workshop, path)
    assert read_xlsx(path) == workshop


def test_layout_covers_every_model_field() -> None:
    columns = {name: set(cols) for name, cols in TABLES.items()}
    covered = {
        Workshop: columns["workshop"] | {"participants", "stages", "channels", "touchpoints",
                                         "personas", "journey", "blueprint", "emotions",
                                         "insights", "actions", "evidence"},
        Participant: columns["participants"], Stage: columns["stages"],
        Channel: columns["channels"], Touchpoint: columns["touchpoints"],
        Persona: {c.split(".")[0] for c in columns["personas"]}
        | {"goals", "needs", "frustrations"},
        JourneyCell: {"stage", "persona", *(lane.value for lane in Lane)},
        BlueprintCell: {"stage", *(lane.value for lane in BlueprintLane)},
        Card: columns["journey_cards"] & columns["blueprint_cards"],
        EmotionScore: columns["emotions"], Insight: columns["insights"],
        Action: columns["actions"],
        # the dictionaries are the values of the ``field`` column of labels and tallies
        EvidenceSource: {c.split(".")[0] for c in columns["evidence"]}
        | {"stage_labels", "touchpoint_labels", "persona_labels", "skipped", "redacted",
           "cells", "quotes", "words"},
        EvidenceCell: columns["evidence_cells"], Quote: columns["evidence_quotes"],
        StageWords: columns["evidence_words"] | {"words"},
        WordCount: columns["evidence_words"],
    }
    for model, names in covered.items():
        assert set(model.model_fields) <= names, model.__name__
    for group in ("demographics", "psychographics", "behaviour"):
        nested = Persona.model_fields[group].annotation.model_fields
        assert {f"{group}.{field}" for field in nested} <= columns["personas"]
    for group, model in (("settings", ReadSettings), ("columns", ColumnMap), ("scale", Scale)):
        assert EvidenceSource.model_fields[group].annotation is model
        assert {f"{group}.{field}" for field in model.model_fields} <= columns["evidence"]
    assert {"source", "field"} <= columns["evidence_labels"] & columns["evidence_tallies"]


def test_empty_journey_cell_is_a_row_without_lane(csv_folder: Path) -> None:
    rows = to_tables(SAMPLE)["journey_cards"]
    assert rows[-1] == {"stage": "offer", "persona": "maria", "lane": None, "position": None,
                        "text": None, "evidence": None}
    assert read_csv(csv_folder).cell("offer", "maria") == SAMPLE.journey[1]


def test_card_order_comes_from_position_not_row_order(csv_folder: Path) -> None:
    def swap(rows: list[list[str]]) -> None:  # as if sorted by evidence in Excel
        rows[1], rows[2] = rows[2], rows[1]
    _edit_csv(csv_folder / "journey_cards.csv", swap)
    assert read_csv(csv_folder) == SAMPLE


# -- what the files look like -------------------------------------------------------------------

def test_csv_files_have_a_bom_and_read_without_one(csv_folder: Path) -> None:
    files = sorted(csv_folder.iterdir())
    assert [p.name for p in files] == sorted(f"{name}.csv" for name in TABLES)
    for path in files:
        data = path.read_bytes()
        assert data.startswith(BOM)
        path.write_bytes(data[len(BOM):])
    assert read_csv(csv_folder) == SAMPLE


def test_csv_cells_are_plain_text(csv_folder: Path) -> None:
    with (csv_folder / "touchpoints.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header == list(TABLES["touchpoints"])
    assert row[header.index("stages")] == "research offer"
    assert row[header.index("online")] == "true"
    with (csv_folder / "persona_items.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [r[3] for r in csv.reader(handle)][1:] == ["NA", "=SUM(A1)", "null"]


def test_xlsx_sheets_are_typed_and_readable(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == list(TABLES)
    emotions, actions = book["emotions"], book["actions"]
    assert emotions.freeze_panes == "A2"
    assert all(cell.font.b for cell in emotions[1])
    assert emotions["E2"].value == -2 and emotions["E2"].data_type == "n"
    assert actions["F2"].value == 4.5
    assert actions["G2"].value == "0.30000000000000004"  # more digits than Excel keeps
    assert actions["I2"].value == dt.datetime(2027, 1, 31)
    assert actions["I2"].number_format == "yyyy-mm-dd"
    formula = book["persona_items"]["D3"]
    assert (formula.value, formula.data_type) == ("=SUM(A1)", "s")
    assert book["participants"]["A3"].value == "007"
    assert book["stages"].column_dimensions["C"].width > len("description")


def test_evidence_cells_are_plain_text(csv_folder: Path, workbook: Path) -> None:
    [source] = to_tables(SAMPLE)["evidence"]
    assert source["imported"] == "2026-11-20T09:30:00+02:00"
    assert source["settings.separator"] == "tab"
    with (csv_folder / "evidence_cells.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row[-1] for row in csv.reader(handle)] == ["counts", "0 1 2 3 4", "1 0 0 0 12"]
    book = openpyxl.load_workbook(workbook)
    imported, separator = book["evidence"]["E2"], book["evidence"]["G2"]
    assert (imported.value, imported.data_type) == ("2026-11-20T09:30:00+02:00", "s")
    assert separator.value == "tab"
    counts = book["evidence_cells"]["F2"]
    assert (counts.value, counts.data_type) == ("0 1 2 3 4", "s")
    labels = [(row[2].value, row[2].data_type) for row in book["evidence_labels"]][1:5]
    assert labels == [("Исследование", "s"), ("007", "s"), ("=SUM(A1)", "s"),
                      ("Piedāvājums, jauns", "s")]


@pytest.mark.parametrize(("write", "read"), [(write_csv, read_csv), (write_xlsx, read_xlsx)])
def test_tab_separator_offset_and_label_keys_survive(tmp_path: Path, write: Callable,
                                                     read: Callable) -> None:
    [source] = read(write(SAMPLE, tmp_path / "out")).evidence
    assert source.settings.separator == "\t"
    assert source.imported.utcoffset() == dt.timedelta(hours=2)
    assert source.stage_labels == {"Исследование": "research", "007": "offer",
                                   "=SUM(A1)": None, "Piedāvājums, jauns": "offer"}
    assert source == SAMPLE.evidence[0]


@pytest.mark.parametrize("spelling", ["\t", "\\t", "TAB", " tab "])
def test_tab_separator_is_read_in_any_spelling(csv_folder: Path, spelling: str) -> None:
    _edit_csv(csv_folder / "evidence.csv",
              lambda rows: _set(rows, 2, "settings.separator", spelling))
    assert read_csv(csv_folder).evidence[0].settings.separator == "\t"


def test_xlsx_dates_excel_cannot_show_are_text(tmp_path: Path) -> None:
    workshop = validate_workshop({"title": "T", "date": "1899-12-31",
                                  "actions": [{"id": "a", "title": "A", "due": "1900-02-28"}]})
    path = write_xlsx(workshop, tmp_path / "old.xlsx")
    book = openpyxl.load_workbook(path)
    assert book["workshop"]["G2"].value == "1899-12-31"
    assert book["actions"]["I2"].value == "1900-02-28"
    assert read_xlsx(path) == workshop


def test_xlsx_cells_excel_retyped_read_back_as_text(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book["participants"]["B2"] = 7  # a name typed as a number
    book["workshop"]["G2"] = dt.datetime(2026, 11, 22)
    book["workshop"]["B2"] = dt.datetime(2026, 1, 2)  # Excel took the title "1-2" for a date
    book["persona_items"]["C2"] = 1.0
    book["emotions"]["E2"] = -2.0
    book["touchpoints"]["D2"] = "TRUE"
    book.save(workbook)
    workshop = read_xlsx(workbook)
    assert workshop.participants[0].name == "7"
    assert workshop.title == "2026-01-02"
    assert workshop.date == dt.date(2026, 11, 22)
    assert workshop.emotions == SAMPLE.emotions
    assert workshop.personas == SAMPLE.personas


# -- errors that say where ----------------------------------------------------------------------

def test_unknown_column_is_named(csv_folder: Path) -> None:
    path = csv_folder / "emotions.csv"
    _edit_csv(path, lambda rows: _set(rows, 1, "comment", "coment"))
    error = _fails(read_csv, csv_folder, TableError)
    assert (error.source, error.row, error.column) == (str(path), 1, "coment")
    assert "emotions.csv, row 1, column 'coment'" in str(error)


def test_missing_required_column_is_named(csv_folder: Path) -> None:
    def drop_score(rows: list[list[str]]) -> None:
        index = rows[0].index("score")
        for row in rows:
            del row[index]
    _edit_csv(csv_folder / "emotions.csv", drop_score)
    error = _fails(read_csv, csv_folder, TableError)
    assert error.row == 1 and "'score'" in error.reason


def test_optional_columns_may_be_left_out(csv_folder: Path) -> None:
    def drop_description(rows: list[list[str]]) -> None:
        for row in rows:
            del row[-1]
    _edit_csv(csv_folder / "stages.csv", drop_description)
    workshop = read_csv(csv_folder)
    assert [s.description for s in workshop.stages] == ["", ""]


@pytest.mark.parametrize(("table", "row", "column", "value", "message"), [
    ("emotions", 3, "score", "9", "must be at most 3"),
    ("emotions", 2, "score", "lots", "must be a whole number"),
    ("emotions", 3, "touchpoint", "shop", "touchpoint 'shop'"),
    ("touchpoints", 2, "stages", "research nowhere", "stage 'nowhere'"),
    ("workshop", 2, "date", "22.11.2026", "must be a date"),
    ("participants", 3, "id", "anna", "used twice"),
    ("personas", 2, "demographics.age", "a\nb", "one line"),
    ("persona_items", 3, "text", "", "must not be empty"),
    ("journey_cards", 3, "evidence", "rumour", "must be one of"),
    ("blueprint_cards", 2, "text", "", "is required"),
    ("actions", 2, "baseline", "4,5", "must be a number"),
    ("evidence_cells", 2, "counts", "1 2 x", "must be a whole number"),
    ("evidence_cells", 3, "counts", "1 2", "has 2 counts, but the scale has 5 ratings"),
    ("evidence_cells", 3, "month", "2026-13", "'2026-13'"),
    ("evidence_labels", 3, "target", "nowhere", "stage 'nowhere'"),
    ("evidence_labels", 2, "label", "a" * 201, "too long"),
    ("evidence_tallies", 2, "count", "0", "must be at least 1"),
    ("evidence", 2, "scale.kind", "nps", "a NPS scale runs from 0 to 10"),
    ("evidence", 2, "imported", "yesterday", "datetime"),
    ("evidence", 2, "settings.encoding", "koi8-r", "must be one of"),
    ("evidence_quotes", 3, "respondent", "Anna", "'Anna'"),
    ("evidence_words", 2, "stage", "nowhere", "stage 'nowhere'"),
    ("evidence_words", 3, "count", "", "is required"),
])
def test_model_problems_name_file_row_and_column(csv_folder: Path, table: str, row: int,
                                                 column: str, value: str,
                                                 message: str) -> None:
    _edit_csv(csv_folder / f"{table}.csv", lambda rows: _set(rows, row, column, value))
    error = _fails(read_csv, csv_folder, WorkshopInvalid)
    where = f"{table}.csv, row {row}, column '{column}'"
    assert any(p.path == where and message in p.message for p in error.problems), \
        error.problems
    assert where in str(error)


@pytest.mark.parametrize(("table", "column", "value", "message"), [
    ("journey_cards", "position", "first", "whole number"),
    ("journey_cards", "position", "", "must not be empty"),
    ("journey_cards", "lane", "dreams", "must be one of"),
    ("journey_cards", "lane", "", "needs a lane"),
    ("persona_items", "persona", "ivan", "no persona 'ivan'"),
    ("persona_items", "field", "wishes", "must be one of"),
    ("workshop", "schema_version", "one", "whole number"),
    ("workshop", "schema_version", "0", "never existed"),
    ("evidence_cells", "source", "elsewhere", "no evidence source 'elsewhere'"),
    ("evidence_quotes", "source", "", "must not be empty"),
    ("evidence_quotes", "position", "first", "whole number"),
    ("evidence_labels", "field", "channel", "must be one of"),
    ("evidence_tallies", "field", "kept", "must be one of"),
    ("evidence_words", "position", "", "must not be empty"),
])
def test_table_problems_name_file_row_and_column(csv_folder: Path, table: str, column: str,
                                                 value: str, message: str) -> None:
    _edit_csv(csv_folder / f"{table}.csv", lambda rows: _set(rows, 2, column, value))
    error = _fails(read_csv, csv_folder, TableError)
    assert (error.row, error.column) == (2, column)
    assert message in error.reason
    assert f"{table}.csv, row 2, column '{column}'" in str(error)


def test_repeated_label_is_named(csv_folder: Path) -> None:
    _edit_csv(csv_folder / "evidence_labels.csv", lambda rows: _set(rows, 4, "label", "007"))
    error = _fails(read_csv, csv_folder, TableError)
    assert (error.row, error.column) == (4, "label") and "'007' appears twice" in error.reason


@pytest.mark.parametrize("label", ["a.b[1]", "x[", "[key]", "stage_labels.007"])
def test_labels_holding_dots_and_brackets_are_located(csv_folder: Path, label: str) -> None:
    def edit(rows: list[list[str]]) -> None:
        _set(rows, 2, "label", label)
        _set(rows, 2, "target", "nowhere")
    _edit_csv(csv_folder / "evidence_labels.csv", edit)
    error = _fails(read_csv, csv_folder, WorkshopInvalid)
    assert [p.path for p in error.problems] == ["evidence_labels.csv, row 2, column 'target'"]


def test_row_numbers_count_records_not_lines(csv_folder: Path) -> None:
    # row 2 of stages.csv holds a line break: the bad value is still on spreadsheet row 3
    _edit_csv(csv_folder / "stages.csv", lambda rows: _set(rows, 3, "id", "Bad Id"))
    error = _fails(read_csv, csv_folder, WorkshopInvalid)
    assert "stages.csv, row 3, column 'id'" in str(error)


def test_workshop_table_needs_exactly_one_row(csv_folder: Path) -> None:
    def header_only(rows: list[list[str]]) -> None:
        del rows[1:]
    _edit_csv(csv_folder / "workshop.csv", lambda rows: rows.append(rows[1]))
    assert _fails(read_csv, csv_folder, TableError).row == 3
    _edit_csv(csv_folder / "workshop.csv", header_only)
    assert _fails(read_csv, csv_folder, TableError).row == 2


def test_schema_too_new_is_refused(csv_folder: Path) -> None:
    newer = str(SCHEMA_VERSION + 1)
    _edit_csv(csv_folder / "workshop.csv", lambda rows: _set(rows, 2, "schema_version", newer))
    _fails(read_csv, csv_folder, SchemaTooNewError)


def _as_format_1(folder: Path) -> None:
    """Make a folder of tables look like an export of format 1, which had no evidence."""
    for name in ADDED_IN:
        (folder / f"{name}.csv").unlink()
    _edit_csv(folder / "workshop.csv", lambda rows: _set(rows, 2, "schema_version", "1"))


def test_format_1_csv_folder_is_upgraded(csv_folder: Path) -> None:
    _as_format_1(csv_folder)
    workshop = read_csv(csv_folder)
    assert workshop == SAMPLE.model_copy(update={"evidence": []})
    assert workshop.schema_version == SCHEMA_VERSION


def test_format_1_workbook_and_tables_are_upgraded(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    for name in ADDED_IN:
        del book[name]
    book["workshop"]["A2"] = 1
    book.save(workbook)
    assert read_xlsx(workbook) == SAMPLE.model_copy(update={"evidence": []})
    cut = {name: rows for name, rows in to_tables(SAMPLE).items() if name not in ADDED_IN}
    cut["workshop"][0]["schema_version"] = 1
    assert from_tables(cut) == SAMPLE.model_copy(update={"evidence": []})


def test_format_1_folder_with_evidence_keeps_it(csv_folder: Path) -> None:
    _edit_csv(csv_folder / "workshop.csv", lambda rows: _set(rows, 2, "schema_version", "1"))
    assert read_csv(csv_folder) == SAMPLE


def test_format_2_folder_needs_every_evidence_table(csv_folder: Path) -> None:
    (csv_folder / "evidence_words.csv").unlink()
    error = _fails(read_csv, csv_folder, TableError)
    assert error.source == str(csv_folder / "evidence_words.csv")
    assert "missing" in error.reason


def test_blank_rows_are_skipped(csv_folder: Path) -> None:
    _edit_csv(csv_folder / "emotions.csv", lambda rows: rows.insert(2, ["", ""]))
    _edit_csv(csv_folder / "stages.csv", lambda rows: rows.append([]))
    assert read_csv(csv_folder) == SAMPLE


def test_missing_csv_is_named(csv_folder: Path) -> None:
    (csv_folder / "insights.csv").unlink()
    error = _fails(read_csv, csv_folder, TableError)
    assert error.source == str(csv_folder / "insights.csv")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"), (BOM, "empty"), (b"  \r\n", "empty"),
    ("id,name\nanna,Анна\n".encode("cp1251"), "not UTF-8 text (line 2)"),
    (b'id,name\nanna,"Anna\n', "not valid CSV"),
])
def test_unreadable_csv_is_named(csv_folder: Path, content: bytes, message: str) -> None:
    (csv_folder / "participants.csv").write_bytes(content)
    error = _fails(read_csv, csv_folder, TableError)
    assert "participants.csv" in error.source and message in error.reason


def test_missing_folder_or_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="no folder"):
        read_csv(tmp_path / "nowhere")
    (tmp_path / "file.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(TableError, match="not a folder"):
        read_csv(tmp_path / "file.csv")
    with pytest.raises(TableError, match="no file") as caught:
        read_xlsx(tmp_path / "nowhere.xlsx")
    assert caught.value.source.endswith("nowhere.xlsx")


@pytest.mark.parametrize("damage", [
    lambda data: b"not a zip file at all",
    lambda data: data[: len(data) // 2],
    lambda data: b"",
])
def test_broken_xlsx_is_named(workbook: Path, damage: Callable[[bytes], bytes]) -> None:
    workbook.write_bytes(damage(workbook.read_bytes()))
    error = _fails(read_xlsx, workbook, TableError)
    assert error.source == str(workbook)


def test_missing_sheet_is_named(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    del book["insights"]
    book.save(workbook)
    error = _fails(read_xlsx, workbook, TableError)
    assert "'insights'" in error.reason and error.source == str(workbook)


def test_xlsx_problems_name_sheet_row_and_column(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book["emotions"]["E3"] = 9
    book.save(workbook)
    error = _fails(read_xlsx, workbook, WorkshopInvalid)
    assert "sheet 'emotions', row 3, column 'score'" in str(error)


def test_from_tables_names_missing_and_unknown_tables() -> None:
    cut = to_tables(SAMPLE)
    with pytest.raises(TableError, match="'insights' is missing"):
        from_tables({name: rows for name, rows in cut.items() if name != "insights"})
    with pytest.raises(TableError, match="unknown table 'notes'"):
        from_tables({**cut, "notes": []})
    cut["emotions"][1]["score"] = 9
    with pytest.raises(WorkshopInvalid, match=r"emotions, row 3, column 'score'"):
        from_tables(cut)


# -- writing never leaves half a result ---------------------------------------------------------

def _failing_rename(monkeypatch: pytest.MonkeyPatch, *on_calls: int) -> None:
    real, calls = os.rename, []

    def rename(source: object, target: object) -> None:
        calls.append(source)
        if len(calls) in on_calls:
            raise OSError(28, "No space left on device")
        real(source, target)
    monkeypatch.setattr(tables.os, "rename", rename)


def test_failed_csv_write_leaves_no_folder(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _failing_rename(monkeypatch, 1)
    with pytest.raises(JourneyLabError, match="No space left"):
        write_csv(SAMPLE, tmp_path / "tables")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("on_call", [1, 2])
def test_failed_csv_rewrite_keeps_the_old_folder(csv_folder: Path, on_call: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = _files(csv_folder)
    _failing_rename(monkeypatch, on_call)
    with pytest.raises(JourneyLabError):
        write_csv(validate_workshop({"title": "Other"}), csv_folder)
    assert _files(csv_folder) == before
    assert [p.name for p in csv_folder.parent.iterdir()] == [csv_folder.name]


def test_failed_csv_rewrite_never_deletes_the_old_tables(
        csv_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {name: data for name, (data, _mtime) in _files(csv_folder).items()}
    _failing_rename(monkeypatch, 2, 3)  # neither the new folder nor the old one gets back
    with pytest.raises(JourneyLabError):
        write_csv(validate_workshop({"title": "Other"}), csv_folder)
    [kept] = [p for p in csv_folder.parent.rglob(csv_folder.name) if p.is_dir()]
    assert {name: data for name, (data, _mtime) in _files(kept).items()} == before


def test_csv_write_refuses_a_folder_holding_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(JourneyLabError, match="notes.txt"):
        write_csv(SAMPLE, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_csv_saved_by_excel_with_semicolons_reads_the_same(tmp_path: Path) -> None:
    original = load_workshop(Path(__file__).parent / "files" / "v1_every_list.json")
    write_csv(original, tmp_path / "tables")
    for path in (tmp_path / "tables").glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)  # as Excel in Latvian settings saves it
        path.write_text(out.getvalue(), encoding="utf-8-sig")
    assert read_csv(tmp_path / "tables") == original
