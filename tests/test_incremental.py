"""A save makes and checks only what a change touched, and writes the same bytes as ever."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings

from journeylab import edit
from journeylab.errors import WorkshopInvalid
from journeylab.incremental import SavedParts
from journeylab.model import Workshop
from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile, to_json

from .strategies import workshops

ROOT = Path(__file__).parents[1]


@settings(max_examples=60, deadline=None)
@given(workshop=workshops())
def test_the_bytes_are_those_of_the_whole_workshop_dumped_at_once(workshop: Workshop) -> None:
    parts = SavedParts()
    assert parts.to_bytes(workshop) == to_json(workshop)
    assert parts.to_bytes(workshop) == to_json(workshop)  # from the bytes kept, the same


def test_a_change_after_changes_writes_what_a_whole_dump_writes(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    shutil.copytree(ROOT / "workshops" / "elektronika-online", folder)
    opened = WorkshopFile.open(folder)
    changes = [
        lambda w: edit.update(w, "touchpoint", w.touchpoints[0].id, name="Нов сайт"),
        lambda w: edit.add(w, "persona", {"name": "Мария"}),
        lambda w: edit.set_fields(w, goal="По-малко отказани поръчки"),
        lambda w: edit.remove(w, "persona", "mariya", cascade=True),
        lambda w: edit.move(w, "touchpoint", w.touchpoints[0].id, 3),
    ]
    for change in changes:
        opened.apply(change)
        assert (folder / "journey.json").read_bytes() == to_json(opened.workshop)
        assert WorkshopFile.open(folder).workshop == opened.workshop


def test_only_the_changed_item_is_made_again(monkeypatch) -> None:
    workshop = large_workshop()
    parts = SavedParts()
    parts.to_bytes(workshop)
    made = []
    original = type(workshop.touchpoints[0]).model_dump_json

    def counted(self, **kwargs):
        made.append(type(self).__name__)
        return original(self, **kwargs)

    monkeypatch.setattr(type(workshop.touchpoints[0]), "model_dump_json", counted)
    changed = edit.update(workshop, "touchpoint", "touchpoint-3", name="Renamed")
    data = parts.to_bytes(changed)
    assert made == ["Touchpoint"]  # the renamed one alone
    assert data == to_json(changed)


@pytest.mark.parametrize(("breaks", "path"), [
    (lambda w: w.model_copy(update={"emotions": [
        w.emotions[0].model_copy(update={"score": 7}), *w.emotions[1:]]}), "emotions[0].score"),
    (lambda w: w.model_copy(update={"touchpoints": [
        w.touchpoints[0].model_copy(update={"stages": ["nowhere"]}), *w.touchpoints[1:]]}),
     "touchpoints[0].stages[0]"),
    (lambda w: w.model_copy(update={"title": ""}), "title"),
    (lambda w: w.model_copy(update={"framework": "nowhere"}), "framework"),
    # a new score: checked against every other, and against the participants there are
    (lambda w: w.model_copy(update={"emotions": [*w.emotions, w.emotions[5].model_copy()]}),
     "emotions[288]"),
    (lambda w: w.model_copy(update={"emotions": [
        *w.emotions, w.emotions[0].model_copy(update={"participant": "nobody"})]}),
     "emotions[288].participant"),
    (lambda w: w.model_copy(update={"actions": [
        *w.actions, w.actions[0].model_copy(update={"title": "Again"})]}), "actions[20].id"),
])
def test_a_broken_part_is_refused_where_it_is(breaks, path) -> None:
    workshop = large_workshop(touchpoints=20, participants=3)
    parts = SavedParts()
    parts.trust(workshop)
    with pytest.raises(WorkshopInvalid) as caught:
        parts.to_bytes(breaks(workshop))
    assert [problem.path for problem in caught.value.problems] == [path]
    assert parts.to_bytes(workshop) == to_json(workshop)  # what was known stays known


def test_an_id_taken_away_has_everything_that_referred_to_it_refused() -> None:
    workshop = large_workshop(touchpoints=20, participants=3)
    parts = SavedParts()
    parts.trust(workshop)
    with pytest.raises(WorkshopInvalid) as caught:  # the old scores refer to it too
        parts.to_bytes(workshop.model_copy(update={"participants": workshop.participants[1:]}))
    paths = {problem.path.split("[")[0] for problem in caught.value.problems}
    assert paths == {"emotions"} and len(caught.value.problems) == 8 * 12
