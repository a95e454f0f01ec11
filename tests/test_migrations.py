"""Workshop files of older formats open, upgraded, and are saved in the current format."""

import json
from pathlib import Path

import pytest

from journeylab.errors import WorkshopFileError
from journeylab.migrations import UPGRADES, upgrade
from journeylab.model import SCHEMA_VERSION
from journeylab.store import WorkshopFile, load_workshop

FILES = Path(__file__).parent / "files"


def test_every_older_format_has_its_step() -> None:
    assert sorted(UPGRADES) == list(range(1, SCHEMA_VERSION))


def test_a_format_1_file_opens_with_no_evidence_and_saves_as_the_current_format(
        tmp_path) -> None:
    original = json.loads((FILES / "v1_every_list.json").read_text(encoding="utf-8"))
    assert original["schema_version"] == 1 and "evidence" not in original
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "journey.json").write_text(json.dumps(original), encoding="utf-8")
    workshop = load_workshop(folder)
    assert workshop.schema_version == SCHEMA_VERSION
    assert workshop.evidence == []
    assert workshop.title == original["title"]
    lists = [key for key, value in original.items() if isinstance(value, list)]
    assert len(lists) >= 8
    assert {key: len(getattr(workshop, key)) for key in lists} == {
        key: len(original[key]) for key in lists}
    WorkshopFile.open(folder).save(workshop)
    saved = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION and saved["evidence"] == []
    assert load_workshop(folder) == workshop


def test_upgrading_leaves_the_input_as_it_was() -> None:
    data = {"schema_version": 1, "title": "T"}
    upgraded = upgrade(data, "journey.json")
    assert data == {"schema_version": 1, "title": "T"}
    assert upgraded == {"schema_version": SCHEMA_VERSION, "title": "T", "evidence": []}


def test_a_format_that_never_existed_is_refused() -> None:
    with pytest.raises(WorkshopFileError, match="never existed"):
        upgrade({"schema_version": 0, "title": "T"}, "journey.json")
