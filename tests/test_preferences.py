"""What one person's JourneyLab remembers: per user, atomic, never an error."""

from __future__ import annotations

import json

import pytest

from journeylab import preferences


@pytest.fixture
def folder(tmp_path, monkeypatch):
    target = tmp_path / "config"
    monkeypatch.setenv(preferences.CONFIG_ENV, str(target))
    return target


def test_nothing_chosen_yet_gives_the_defaults(folder) -> None:
    assert preferences.load() == {"language": None, "mode": "room", "workshops": {}}


def test_a_choice_is_kept_on_disk_and_merged(folder) -> None:
    preferences.save(language="lv")
    preferences.save(mode="compact")
    assert json.loads((folder / "preferences.json").read_text()) == {
        "language": "lv", "mode": "compact", "workshops": {}}
    assert preferences.load() == {"language": "lv", "mode": "compact", "workshops": {}}
    assert [p.name for p in folder.iterdir()] == ["preferences.json"]  # no temporary left


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"mode": "huge", "x": 1}', ""])
def test_a_broken_file_means_the_defaults(folder, content) -> None:
    folder.mkdir()
    (folder / "preferences.json").write_text(content)
    assert preferences.load() == {"language": None, "mode": "room", "workshops": {}}


def test_the_workshop_last_opened_is_kept_per_folder_of_workshops(folder) -> None:
    preferences.save(workshops={"/srv/workshops": "mortgage-journey"})
    assert preferences.load()["workshops"] == {"/srv/workshops": "mortgage-journey"}
    (folder / "preferences.json").write_text('{"workshops": {"/a": 3, "/b": "shop"}}')
    assert preferences.load()["workshops"] == {"/b": "shop"}  # what is not a name is dropped
    (folder / "preferences.json").write_text('{"workshops": ["shop"]}')
    assert preferences.load()["workshops"] == {}


def test_an_unknown_preference_is_refused(folder) -> None:
    with pytest.raises(KeyError):
        preferences.save(colour="red")


def test_a_folder_that_cannot_be_written_is_no_error(folder) -> None:
    folder.write_text("a file where the folder should be")  # refused even to root
    assert preferences.save(language="bg")["language"] == "bg"
    assert preferences.load()["language"] is None


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(preferences.CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert preferences.folder() == tmp_path / "journeylab"
