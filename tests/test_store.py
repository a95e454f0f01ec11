"""Workshop files: reading, atomic revision-checked saving, and every way a file can be bad."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from journeylab.errors import (
    ConflictError,
    JourneyLabError,
    SchemaTooNewError,
    WorkshopFileError,
    WorkshopInvalid,
)
from journeylab.model import Workshop
from journeylab.store import WorkshopFile, journey_path, load_workshop, to_json

from .strategies import workshops

FILES = Path(__file__).parent / "files"


def copy_fixture(name: str, folder: Path) -> Path:
    """A golden file copied into its own workshop folder, so tests may try to write it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "journey.json"
    shutil.copyfile(FILES / name, target)
    return target


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workshop=workshops())
def test_any_valid_workshop_saves_and_loads_back_equal(workshop: Workshop, tmp_path: Path) -> None:
    folder = tmp_path / "round-trip"
    shutil.rmtree(folder, ignore_errors=True)
    saved = WorkshopFile.create(folder, workshop)
    loaded = WorkshopFile.open(folder)
    assert loaded.workshop == workshop
    assert loaded.revision == saved.revision
    assert (folder / "journey.json").read_bytes() == to_json(workshop)


def test_file_is_stable_readable_utf8(tmp_path: Path) -> None:
    target = copy_fixture("v1_small.json", tmp_path / "w")
    file = WorkshopFile.open(target)
    file.save(file.workshop)
    text = target.read_text(encoding="utf-8")
    assert "Jānis Ķēniņš" in text  # not \u-escaped: readable in a git diff
    assert text.endswith("}\n")
    assert list(json.loads(text))[:3] == ["schema_version", "title", "organisation"]
    first = target.read_bytes()
    file.save(file.workshop.model_copy(update={"title": "Cits"}))
    file.save(file.workshop.model_copy(update={"title": "Pieteikums kredītkartei"}))
    assert target.read_bytes() == first  # same content, same bytes


def test_second_writer_gets_conflict_and_nothing_is_lost(tmp_path: Path) -> None:
    target = copy_fixture("v1_small.json", tmp_path / "w")
    tab_one, tab_two = WorkshopFile.open(target), WorkshopFile.open(target)
    tab_one.save(tab_one.workshop.model_copy(update={"goal": "Fewer abandoned applications"}))
    with pytest.raises(ConflictError) as caught:
        tab_two.save(tab_two.workshop.model_copy(update={"scope": "Credit cards only"}))
    assert caught.value.expected_revision == tab_two.revision
    assert caught.value.found_revision == tab_one.revision
    assert "changed by someone else" in str(caught.value)
    on_disk = load_workshop(target)
    assert on_disk.goal == "Fewer abandoned applications" and on_disk.scope == ""
    tab_two.reload()
    tab_two.save(tab_two.workshop.model_copy(update={"scope": "Credit cards only"}))
    on_disk = load_workshop(target)
    assert (on_disk.goal, on_disk.scope) == ("Fewer abandoned applications", "Credit cards only")


def test_deleted_file_is_a_conflict_not_a_silent_recreate(tmp_path: Path) -> None:
    target = copy_fixture("v1_minimal.json", tmp_path / "w")
    opened = WorkshopFile.open(target)
    target.unlink()
    with pytest.raises(ConflictError):
        opened.save(opened.workshop)
    assert not target.exists()


def test_create_refuses_to_replace_a_workshop(tmp_path: Path) -> None:
    target = copy_fixture("v1_small.json", tmp_path / "w")
    before = target.read_bytes()
    with pytest.raises(JourneyLabError, match="already exists"):
        WorkshopFile.create(tmp_path / "w", Workshop(title="Other"))
    assert target.read_bytes() == before


@pytest.mark.parametrize(("fixture", "error", "line", "column", "words"), [
    ("corrupt_truncated.json", WorkshopFileError, 5, 25, "not valid JSON"),
    ("not_utf8_cp1251.json", WorkshopFileError, 3, 13, "not UTF-8"),
    ("schema_too_new.json", SchemaTooNewError, None, None, "newer JourneyLab"),
])
def test_unreadable_files_say_where_and_stay_untouched(tmp_path, fixture, error, line, column,
                                                       words) -> None:
    target = copy_fixture(fixture, tmp_path / "w")
    before = target.read_bytes()
    with pytest.raises(error) as caught:
        WorkshopFile.open(target)
    message = str(caught.value)
    assert words in message and str(target) in message
    if line is not None:
        assert (caught.value.line, caught.value.column) == (line, column)
        assert f"line {line}, column {column}" in message
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["journey.json"]


def test_empty_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "journey.json").write_bytes(b"  \n")
    with pytest.raises(WorkshopFileError, match="empty"):
        load_workshop(tmp_path / "empty")
    with pytest.raises(WorkshopFileError, match="no workshop file"):
        load_workshop(tmp_path / "nowhere")


@pytest.mark.parametrize("content", ["[]", '"text"', "{}", '{"schema_version": "1"}',
                                     '{"schema_version": true}', '{"schema_version": 0}'])
def test_json_that_is_not_a_workshop(tmp_path: Path, content: str) -> None:
    (tmp_path / "journey.json").write_text(content, encoding="utf-8")
    with pytest.raises(WorkshopFileError) as caught:
        load_workshop(tmp_path / "journey.json")
    assert "journey.json" in str(caught.value)


def test_dangling_reference_names_both_ends(tmp_path: Path) -> None:
    target = copy_fixture("dangling_reference.json", tmp_path / "w")
    with pytest.raises(WorkshopInvalid) as caught:
        load_workshop(target)
    [problem] = caught.value.problems
    assert problem.path == "touchpoints[0].stages[1]"
    assert problem.message == ("touchpoint 'web-chat' refers to stage 'buy', which this "
                               "workshop does not have")


def test_byte_order_mark_from_windows_editors_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "journey.json").write_bytes(b"\xef\xbb\xbf" + (FILES / "v1_small.json").read_bytes())
    assert load_workshop(tmp_path).title == "Pieteikums kredītkartei"


@pytest.mark.parametrize(("breaks", "path"), [
    (lambda w: setattr(w.emotions[0], "score", 7), "emotions[0].score"),
    (lambda w: w.touchpoints[0].stages.append("nowhere"), "touchpoints[0].stages[1]"),
    (lambda w: setattr(w, "title", ""), "title"),
])
def test_save_refuses_a_model_broken_after_loading(tmp_path: Path, breaks, path) -> None:
    target = copy_fixture("v1_small.json", tmp_path / "w")
    before = target.read_bytes()
    opened = WorkshopFile.open(target)
    broken = opened.workshop.model_copy(deep=True)
    breaks(broken)  # assignment is not validated; save must catch it
    with pytest.raises(WorkshopInvalid) as caught:
        opened.save(broken)
    assert [problem.path for problem in caught.value.problems] == [path]
    assert target.read_bytes() == before


def test_journey_path_accepts_folder_or_file(tmp_path: Path) -> None:
    assert journey_path(tmp_path / "shop") == tmp_path / "shop" / "journey.json"
    assert journey_path(tmp_path / "shop" / "journey.json") == tmp_path / "shop" / "journey.json"
    assert journey_path(tmp_path / "v1.2") == tmp_path / "v1.2" / "journey.json"


def test_saving_keeps_the_file_readable_by_others(tmp_path: Path) -> None:
    created = WorkshopFile.create(tmp_path / "w", Workshop(title="Shared"))
    assert created.path.stat().st_mode & 0o044 == 0o044  # a server user can read it
    created.path.chmod(0o640)
    created.save(Workshop(title="Shared, renamed"))
    assert created.path.stat().st_mode & 0o777 == 0o640
