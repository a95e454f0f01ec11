"""``05_evidence`` without a browser: read an export, map it, see what it says, save it."""

from __future__ import annotations

import importlib
import re
import shutil
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

import journeylab.forms as forms
from journeylab.evidence import importer
from journeylab.forms.session import Session
from journeylab.forms.evidence import UNDECIDED, EvidenceForm, evidence
from journeylab.store import WorkshopFile, load_workshop

from .conftest import plain

ROOT = Path(__file__).parents[2]
evidence_module = importlib.import_module("journeylab.forms.evidence")
HEADER = "Респондент;Дата;Етап;Сегмент;Оценка;Коментар"
# stage label → how many answers; "Research" and "Offer" are the workshop's own names,
# "Кандидатстване" is the room's "Conversion" in the survey tool's words
ANSWERS = {"Research": 40, "Offer": 36, "Кандидатстване": 32, "Друго": 3}


def survey_text(month: str = "10", rating_of=lambda n: 1 + n % 5) -> str:
    lines, number = [HEADER], 0
    for label, count in ANSWERS.items():
        for _answer in range(count):
            number += 1
            comment = "Пишете ми на ivan@example.com" if number == 7 else \
                ("Бавно, чакахме дълго" if number % 4 == 0 else "")
            lines.append(f"R{number:04d};{1 + number % 28:02d}.{month}.2026;{label};"
                         f"Self-employed;{rating_of(number)};{comment}")
    return "\r\n".join(lines) + "\r\n"


def write_survey(path: Path, **options) -> Path:
    path.write_bytes(survey_text(**options).encode("cp1251"))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder as the notebooks see it: a workshop without customer data yet, and
    a sample export."""
    folder = tmp_path / "workshops" / "mortgage-journey"
    shutil.copytree(ROOT / "workshops" / "mortgage-journey", folder)
    opened = WorkshopFile.open(folder)
    opened.save(opened.workshop.model_copy(update={"evidence": []}))
    samples = tmp_path / "data" / "samples"
    samples.mkdir(parents=True)
    write_survey(samples / "survey-bg.csv")
    return tmp_path


@pytest.fixture
def folder(project: Path) -> Path:
    return project / "workshops" / "mortgage-journey"


@pytest.fixture
def form(folder: Path) -> EvidenceForm:
    return evidence(Session.open(folder))


@pytest.fixture
def scans(monkeypatch) -> list[Path]:
    """Every time the whole file is read, its path."""
    done: list[Path] = []
    real = importer.scan

    def counted(path, *args, **kwargs):
        done.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(importer, "scan", counted)
    return done


def read(form: EvidenceForm, path: Path | str) -> None:
    form.path.value = str(path)
    form.read_button.click()


def read_sample(form: EvidenceForm) -> None:
    form.file_menu.value = next(value for label, value in form.file_menu.options
                                if label == "data/samples/survey-bg.csv")
    form.read_button.click()


def label_row(form: EvidenceForm, field: str, label: str):
    return next(row for row in form.label_rows[field] if row.label == label)


def stage_table(form: EvidenceForm) -> dict[str, list[str]]:
    body = form.per_stage.value.split("<tbody>", 1)[1]
    rows = [[plain(cell) for cell in re.findall(r"<td>(.*?)</td>", tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body)]
    return {row[0]: row[1:] for row in rows}


def shown(widget) -> bool:
    return widget.layout.display != "none"


# -- choosing and reading ---------------------------------------------------------------------

def test_the_menu_lists_exports_of_the_workshop_and_the_samples(form, folder) -> None:
    (folder / "march.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not an export", encoding="utf-8")
    form.look_again.click()
    assert [label for label, _value in form.file_menu.options] == [
        "workshops/mortgage-journey/march.tsv", "data/samples/survey-bg.csv"]
    assert not shown(form.reading_part) and not shown(form.results_part)


def test_reading_shows_how_the_file_is_written_and_what_it_holds(form, scans) -> None:
    read_sample(form)
    assert form.message.value == ""
    settings = {name: row.input.value for name, row in form.settings_rows.items()}
    assert settings == {"encoding": "cp1251", "separator": ";", "decimal": ".",
                        "date_format": "%d.%m.%Y", "sheet": None}
    assert not shown(form.settings_rows["sheet"]) and shown(form.settings_rows["encoding"])
    assert form.settings_rows["encoding"].input.label == "Windows-1251 (Cyrillic)"
    columns = {field: row.input.value for field, row in form.column_rows.items()}
    assert columns == {"stage": "Етап", "touchpoint": "", "persona": "Сегмент",
                       "rating": "Оценка", "comment": "Коментар", "date": "Дата",
                       "respondent": "Респондент"}
    assert form.scale_kind.input.value == "csat" and not shown(form.custom_scale)
    assert len(scans) == 1
    found = plain(form.found.value)
    assert "File: survey-bg.csv (111 rows)" in found
    assert "76 of 111 rows used." in found
    assert "35: a stage label not mapped to a stage" in found
    assert "Personal data removed from the comments kept: 1 × e-mail address." in found
    assert "Respondents: 111" in found
    assert stage_table(form)["Research"][0] == "40"
    assert stage_table(form)["Conversion (application & approval)"][0] == "0"
    assert "Findings:" in plain(form.findings.value)
    assert form.charts.value.count("<img") == 3  # room versus customers, stages, months
    assert form.charts.value.count("alt='") == 3 and "alt=''" not in form.charts.value
    assert not form.save_button.disabled


def test_labels_show_their_counts_and_unmapped_ones_stand_out(form) -> None:
    read_sample(form)
    rows = form.label_rows["stage"]
    assert [(r.label, plain(r.count.value), r.target.value) for r in rows] == [
        ("Research", "40", "research"), ("Offer", "36", "offer"),
        ("Кандидатстване", "32", UNDECIDED), ("Друго", "3", UNDECIDED)]
    undecided = label_row(form, "stage", "Кандидатстване")
    assert "journeylab-unmapped" in undecided._dom_classes
    assert "not mapped yet" in plain(undecided.flag.value)  # not told by colour alone
    assert "journeylab-unmapped" not in label_row(form, "stage", "Research")._dom_classes
    assert form.label_tabs.titles == ("Stage: 2 to map", "Persona or segment")
    labels = [label for label, _value in undecided.target.options]
    assert labels[:3] == ["— choose —", "Leave out", "Research"]
    assert [r.label for r in form.label_rows["persona"]] == ["Self-employed"]
    persona = form.label_rows["persona"][0]
    assert persona.target.value == "marcus"  # a phrase of "Marcus, the self-employed …"
    assert form.preview.labels["persona"] == {"Self-employed": "marcus"}
    persona.target.value = "ellie"
    assert form.preview.labels["persona"] == {"Self-employed": "ellie"}


def test_a_label_change_remaps_without_reading_the_file_again(form, scans) -> None:
    read_sample(form)
    label_row(form, "stage", "Кандидатстване").target.value = "conversion"
    assert len(scans) == 1
    assert stage_table(form)["Conversion (application & approval)"][0] == "32"
    assert "journeylab-unmapped" not in \
        label_row(form, "stage", "Кандидатстване")._dom_classes
    assert form.label_tabs.titles[0] == "Stage: 1 to map"
    left_out = label_row(form, "stage", "Друго")
    left_out.target.value = ""
    assert len(scans) == 1
    found = plain(form.found.value)
    assert "108 of 111 rows used." in found
    assert "3: a stage label set to be left out" in found
    assert "journeylab-unmapped" not in left_out._dom_classes


def test_a_change_of_how_the_file_is_read_reads_it_again(form, scans) -> None:
    read_sample(form)
    form.column_rows["comment"].input.value = ""
    assert len(scans) == 2
    assert "Personal data removed" not in plain(form.found.value)
    form.scale_kind.input.value = "custom"
    assert shown(form.custom_scale) and len(scans) == 3
    form.scale_numbers["high"].value = 10
    assert len(scans) == 4
    assert form.preview.source.scale.high == 10
    assert form.message.value == ""


def test_a_wrong_column_says_why_and_a_right_one_brings_the_results_back(form, folder,
                                                                          scans) -> None:
    before = (folder / "journey.json").read_bytes()
    read_sample(form)
    form.column_rows["rating"].input.value = "Коментар"
    message = plain(form.message.value)
    assert "rows cannot be used" in message and "check the columns" in message
    assert not shown(form.results_part) and not shown(form.labels_part)
    assert shown(form.reading_part)  # to put it right
    form.column_rows["rating"].input.value = "Оценка"
    assert form.message.value == "" and shown(form.results_part)
    assert form.scale_kind.input.value == "csat"
    assert (folder / "journey.json").read_bytes() == before


def test_dates_are_asked_about_only_when_a_column_holds_them(form, scans) -> None:
    read_sample(form)
    dates = form.settings_rows["date_format"]
    form.column_rows["date"].input.value = ""
    assert not shown(dates) and form.preview.source.columns.date == ""
    form.column_rows["date"].input.value = "Дата"
    assert shown(dates) and dates.input.value == "%d.%m.%Y"
    assert form.message.value == "" and len(scans) == 3


def test_an_encoding_that_does_not_fit_says_so(form, folder) -> None:
    before = (folder / "journey.json").read_bytes()
    read_sample(form)
    form.settings_rows["encoding"].input.value = "utf-16"
    assert "the file is not written in utf-16; choose another encoding" in \
        plain(form.message.value)
    form.settings_rows["encoding"].input.value = "cp1251"
    assert form.message.value == "" and shown(form.results_part)
    assert (folder / "journey.json").read_bytes() == before


# -- saving ---------------------------------------------------------------------------------------

def test_saving_puts_the_evidence_in_the_workshop(form, folder) -> None:
    read_sample(form)
    label_row(form, "stage", "Кандидатстване").target.value = "conversion"
    form.save_button.click()
    assert form.save_message.text.startswith("✓ Saved 'survey-bg.csv' to the workshop")
    saved = load_workshop(folder).evidence
    assert [(s.id, s.file_name, s.rows) for s in saved] == [("survey-bg", "survey-bg.csv", 111)]
    assert saved[0].stage_labels["Кандидатстване"] == "conversion"
    assert "Saved 'survey-bg.csv' to the workshop: 108 ratings" in plain(
        form.save_message.value)
    assert re.search(r"\d+ cards on the map are now marked as backed by a survey",
                     plain(form.save_message.value))
    assert "ivan@example.com" not in (folder / "journey.json").read_text(encoding="utf-8")
    [row] = form.saved_list.children
    assert "survey-bg.csv" in plain(row.text.value) and "111 rows" in plain(row.text.value)

    # saving again after a change replaces the import rather than adding one
    label_row(form, "stage", "Друго").target.value = ""
    form.save_button.click()
    saved = load_workshop(folder).evidence
    assert [s.id for s in saved] == ["survey-bg"]
    assert saved[0].stage_labels["Друго"] is None


def test_next_months_file_reuses_the_saved_mapping(form, folder, project) -> None:
    read_sample(form)
    label_row(form, "stage", "Кандидатстване").target.value = "conversion"
    form.save_button.click()
    later = write_survey(folder / "survey-november.csv", month="11")
    form.look_again.click()
    form.file_menu.value = str(later)
    form.read_button.click()
    assert label_row(form, "stage", "Кандидатстване").target.value == "conversion"
    assert "Mapping of the earlier import 'survey-bg.csv' reused." in plain(form.found.value)
    form.save_button.click()
    saved = load_workshop(folder).evidence
    assert [(s.id, s.file_name) for s in saved] == [("survey-bg", "survey-november.csv")]


def test_nothing_mapped_cannot_be_saved(form, folder) -> None:
    read_sample(form)
    for label in ANSWERS:
        label_row(form, "stage", label).target.value = ""
    assert form.save_button.disabled
    assert "map at least one stage label" in plain(form.per_stage.value)
    assert load_workshop(folder).evidence == []


def test_remove_takes_an_import_out(form, folder) -> None:
    read_sample(form)
    form.save_button.click()
    [row] = form.saved_list.children
    row.remove.click()
    assert row.remove.description == "Confirm remove"
    assert [s.id for s in load_workshop(folder).evidence] == ["survey-bg"]
    row.remove.click()
    assert load_workshop(folder).evidence == []
    assert form.saved_message.text.startswith("✓ Removed 'survey-bg.csv'. Saved ")
    assert "No customer data saved yet." in plain(form.saved_list.children[0].value)


# -- files that cannot be used ------------------------------------------------------------------

BROKEN = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "holds binary data"),
    "empty": (b"", "the file is empty"),
    "no-rating-column": ("Етап;Коментар\r\nResearch;добре\r\n".encode("cp1251"),
                         "choose the column with the stage and the column with the rating"),
    "header-only": (HEADER.encode("cp1251") + b"\r\n", "the file has a header but no rows"),
    "ratings-not-numbers": (survey_text(rating_of=lambda n: "добре").encode("cp1251"),
                            "rows cannot be used"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_file_that_cannot_be_used_says_why_and_changes_nothing(form, folder,
                                                                 name: str) -> None:
    content, reason = BROKEN[name]
    path = folder / f"{name}.csv"
    path.write_bytes(content)
    before = (folder / "journey.json").read_bytes()
    read(form, path)
    message = plain(form.message.value)
    assert message.startswith("⚠ ") and reason in message and f"{name}.csv" in message
    assert "Traceback" not in message
    assert 'role="alert"' in form.message.value or "role='alert'" in form.message.value
    assert not shown(form.results_part)
    assert (folder / "journey.json").read_bytes() == before
    assert path.read_bytes() == content


def test_a_missing_file_and_no_choice_say_what_to_do(form, folder) -> None:
    read(form, folder / "nowhere.csv")
    assert "there is no file here" in plain(form.message.value)
    form.path.value = ""
    form.file_menu.options = [("— no exports found —", "")]
    form.read_button.click()
    assert "Choose a file in the menu, type its path or upload it first." in \
        plain(form.message.value)


def test_a_relative_path_is_read_from_the_project_folder(form) -> None:
    read(form, "data/samples/survey-bg.csv")
    assert form.message.value == "" and form.preview.scan.rows == 111


def test_an_earlier_good_read_is_not_kept_under_a_bad_file(form, folder) -> None:
    read_sample(form)
    (folder / "bad.csv").write_bytes(b"")
    read(form, folder / "bad.csv")
    assert form.preview is None and not shown(form.reading_part)
    assert not shown(form.results_part)


# -- workbooks and large files ----------------------------------------------------------------

def test_a_workbook_shows_its_sheets_instead_of_encoding(form, folder) -> None:
    book = Workbook()
    first = book.active
    first.title = "Answers"
    first.append(["Stage", "Score", "Comment"])
    for number in range(40):
        first.append(["Research" if number % 2 else "Offer", 1 + number % 5, ""])
    book.create_sheet("Notes").append(["Nothing", "here"])
    book.save(folder / "survey.xlsx")
    read(form, folder / "survey.xlsx")
    assert form.message.value == ""
    sheet = form.settings_rows["sheet"]
    assert shown(sheet) and not shown(form.settings_rows["encoding"])
    assert list(sheet.input.options) == [("Answers", "Answers"), ("Notes", "Notes")]
    assert sheet.input.value == "Answers"
    assert stage_table(form)["Research"][0] == "20"
    sheet.input.value = "Notes"
    assert "the column 'Stage' is missing" in plain(form.message.value)


def test_a_large_file_shows_a_progress_bar_while_it_is_read(form, monkeypatch) -> None:
    monkeypatch.setattr(evidence_module, "PROGRESS_FROM", 0)
    seen: list[tuple[str, int]] = []
    form.progress.observe(lambda change: seen.append(("value", change["new"])), names="value")
    form.progress.layout.observe(lambda change: seen.append(("display", change["new"])),
                                 names="display")
    read_sample(form)
    assert ("display", "") in seen and ("value", 100) in seen
    assert seen[-1] == ("display", "none")


# -- in the notebook ------------------------------------------------------------------------------

def test_the_notebook_form_is_the_same_when_run_again(folder, monkeypatch) -> None:
    # as in a new kernel: the form's module not imported yet
    monkeypatch.delitem(sys.modules, "journeylab.forms.evidence")
    monkeypatch.setenv("JOURNEYLAB_WORKSHOP", str(folder))
    workshop = forms.current_workshop()
    for _run in range(2):
        assert type(forms.evidence(workshop)).__name__ == "EvidenceForm"
    importlib.import_module("journeylab.forms.evidence")  # imported by name elsewhere
    assert type(forms.evidence(workshop)).__name__ == "EvidenceForm"


def test_a_workshop_without_stages_says_where_to_add_them(tmp_path) -> None:
    from journeylab.edit import new_workshop

    session = Session(WorkshopFile.create(tmp_path / "workshops" / "empty",
                                          new_workshop("Empty", "en", "custom")))
    form = evidence(session)
    assert "no stages yet" in plain(form.notice.value)
    assert not shown(form.body)
