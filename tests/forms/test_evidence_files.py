"""``05_evidence``: files come from the workshop's folder, the project's ``data/``, or an upload.

Plain pytest on the real form: set the menu, the typed path or the upload's value, click,
and look at the workshop file, the messages and the disk.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest

from journeylab.forms.evidence import EvidenceForm, evidence
from journeylab.forms.evidence_files import UPLOAD_LIMIT
from journeylab.forms.session import Session
from journeylab.store import load_workshop

from .conftest import plain
from .test_evidence import folder, project, survey_text, write_survey  # noqa: F401 (fixtures)

REFUSED = "cannot be read here: only files in the workshop's folder or in the project's data " \
          "folder are"


@pytest.fixture
def form(folder: Path) -> EvidenceForm:  # noqa: F811 (the fixture of this module)
    return evidence(Session.open(folder))


@pytest.fixture
def elsewhere(tmp_path_factory) -> Path:
    """An export the server's user can read, outside the project."""
    return write_survey(tmp_path_factory.mktemp("elsewhere") / "private.csv")


def menu(form: EvidenceForm) -> list[str]:
    form.look_again.click()
    return [label for label, _value in form.file_menu.options]


def typed(form: EvidenceForm, path: Path | str) -> str:
    """Type ``path``, press "Read the file"; the message the form shows, as read."""
    form.path.value = str(path)
    form.read_button.click()
    return plain(form.message.value)


def upload(form: EvidenceForm, name: str, content: bytes) -> None:
    """What the browser sends when a file is chosen in the upload button, as it arrives."""
    form.upload.set_state({"value": [{
        "name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
        "last_modified": 1_700_000_000_000}]})


def leftovers() -> list[Path]:
    return sorted(Path(tempfile.gettempdir()).glob("journeylab-upload-*"))


# -- the menu --------------------------------------------------------------------------------

def test_the_menu_lists_the_workshops_folder_and_all_of_data(form, folder, project,
                                                             elsewhere) -> None:
    (project / "data" / "2027" / "march").mkdir(parents=True)
    write_survey(project / "data" / "2027" / "march" / "survey.xlsx")
    write_survey(folder / "april.csv")
    (project / "data" / ".hidden").mkdir()
    write_survey(project / "data" / ".hidden" / "secret.csv")
    (project / "data" / "notes.txt").write_text("not an export", encoding="utf-8")
    (project / "data" / "outside.csv").symlink_to(elsewhere)
    (project / "data" / "april-link.csv").symlink_to(folder / "april.csv")
    assert menu(form) == ["workshops/mortgage-journey/april.csv",
                          "data/2027/march/survey.xlsx", "data/april-link.csv",
                          "data/samples/survey-bg.csv"]


# -- a typed path ------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["absolute", "relative", "dot-dot", "link"])
def test_a_file_outside_the_two_folders_is_refused_and_not_read(form, folder, project,
                                                                elsewhere, where) -> None:
    (folder / "borrowed.csv").symlink_to(elsewhere)
    path = {"absolute": str(elsewhere),
            "relative": Path("..") / elsewhere.parent.name / elsewhere.name,
            "dot-dot": f"data/../../{elsewhere.parent.name}/{elsewhere.name}",
            "link": "workshops/mortgage-journey/borrowed.csv"}[where]
    before = (folder / "journey.json").read_bytes()
    said = typed(form, path)
    assert said == f"⚠ {path} {REFUSED}. Put the file there, or upload it."
    assert form.proposal is None and form.reading_part.layout.display == "none"
    assert (folder / "journey.json").read_bytes() == before


def test_a_hidden_file_of_the_workshop_is_not_read(form, folder) -> None:
    (folder / ".respondent-key").write_bytes(b"k" * 32)
    assert REFUSED in typed(form, "workshops/mortgage-journey/.respondent-key")


def test_only_tables_are_read(form) -> None:
    said = typed(form, "workshops/mortgage-journey/journey.json")
    assert said == ("⚠ Only CSV, TSV, TXT and XLSX files can be read: journey.json is not "
                    "one. Save it from Excel or the survey tool as one of these.")


def test_files_in_the_two_folders_are_read_typed_or_chosen(form, folder, project) -> None:
    write_survey(folder / "april.txt")
    assert typed(form, "workshops/mortgage-journey/april.txt") == ""
    assert form.preview.scan.rows == 111
    assert typed(form, project / "data" / "samples" / "survey-bg.csv") == ""
    assert form.preview.scan.rows == 111


# -- an upload -------------------------------------------------------------------------------

def test_an_upload_is_read_at_once_from_memory_and_saved_without_the_file(form, folder,
                                                                          project) -> None:
    content = survey_text().encode("cp1251")
    before = leftovers()
    upload(form, "Анкета октомври.csv", content)
    assert form.upload.value == ()  # the widget lets go of the bytes
    assert form.message.value == ""
    assert "File: Анкета октомври.csv (111 rows)" in plain(form.found.value)
    # another way of reading the same upload reads it again, still from memory
    form.settings_rows["encoding"].input.value = "cp1252"
    form.settings_rows["encoding"].input.value = "cp1251"
    assert form.message.value == "" and form.preview.scan.rows == 111
    form.save_button.click()
    [saved] = load_workshop(folder).evidence
    assert saved.file_name == "Анкета октомври.csv"
    assert saved.fingerprint == hashlib.sha256(content).hexdigest()
    assert leftovers() == before  # every private copy was deleted after reading
    project_files = {p.name for p in project.rglob("*")}
    assert "Анкета октомври.csv" not in project_files


def test_a_broken_upload_is_named_by_its_own_name(form, folder) -> None:
    before = (folder / "journey.json").read_bytes()
    upload(form, "empty.csv", b"")
    said = plain(form.message.value)
    assert said == "⚠ empty.csv: the file is empty"
    assert (folder / "journey.json").read_bytes() == before


@pytest.mark.parametrize(("name", "size", "reason"), [
    ("survey.pdf", 10, "Only CSV, TSV, TXT and XLSX files can be read: survey.pdf is not one."),
    ("huge.csv", UPLOAD_LIMIT + 1, "huge.csv is larger than 8 MB: put it in the workshop's "
                                   "folder or in the project's data folder"),
])
def test_an_upload_that_cannot_be_used_is_refused_before_reading(form, name, size,
                                                                 reason) -> None:
    upload(form, name, b"a;b\r\n" + b"1;2\r\n" * (size // 5))
    assert reason in plain(form.message.value)
    assert form.proposal is None and form.upload.value == ()


def test_after_an_upload_read_the_file_reads_the_menus_choice_again(form) -> None:
    upload(form, "october.csv", survey_text().encode("cp1251"))
    form.file_menu.value = next(value for label, value in form.file_menu.options
                                if label == "data/samples/survey-bg.csv")
    form.read_button.click()
    assert "File: survey-bg.csv (111 rows)" in plain(form.found.value)
    assert form.files.uploaded is None  # the upload's bytes are let go
