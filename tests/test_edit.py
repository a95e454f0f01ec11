"""Starting a workshop from a framework, and deleting parts without dangling references."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab.edit import dependents, new_workshop, remove
from journeylab.errors import InUseError, ItemGoneError, JourneyLabError
from journeylab.model import make_id
from journeylab.presets import FRAMEWORKS
from journeylab.store import load_workshop

FILES = Path(__file__).parent / "files"


@pytest.mark.parametrize("framework", sorted(FRAMEWORKS))
def test_new_workshop_has_the_framework_stages_in_order(framework: str) -> None:
    workshop = new_workshop("Shop", "en", framework)
    assert [s.id for s in workshop.stages] == [i for i, _n in FRAMEWORKS[framework].stages]
    assert workshop.framework == framework


def test_frameworks_from_the_articles() -> None:
    assert len(FRAMEWORKS["six-phases"].stages) == 6
    assert [name for _i, name in FRAMEWORKS["five-stages-research"].stages] == [
        "Research", "Offer", "Conversion", "Usage", "Loyalty"]
    assert sum(len(f.stages) == 5 for f in FRAMEWORKS.values()) == 3


def test_unknown_framework_is_refused() -> None:
    with pytest.raises(JourneyLabError, match="unknown stage framework 'nine'"):
        new_workshop("Shop", "en", "nine")


def test_deleting_a_used_stage_lists_what_depends_on_it() -> None:
    workshop = load_workshop(FILES / "v1_every_list.json")
    with pytest.raises(InUseError) as caught:
        remove(workshop, "stage", "purchase")
    listed = "\n".join(caught.value.dependents)
    assert "'Уебсайт' (site)" in listed and "'Доставка' (delivery)" in listed
    assert "1 journey cells" in listed and "3 emotion scores" in listed
    assert "'Скрита такса за доставка' (hidden-fee)" in listed
    assert str(caught.value).startswith("Cannot delete stage 'Покупка' (purchase)")


def test_cascade_removes_scores_and_clears_references() -> None:
    workshop = load_workshop(FILES / "v1_every_list.json")
    trimmed = remove(workshop, "stage", "purchase", cascade=True)
    assert [s.id for s in trimmed.stages] == ["awareness"]
    assert trimmed.emotions == [] and trimmed.journey == [] and trimmed.blueprint == []
    assert trimmed.touchpoints[0].stages == ["awareness"]
    assert trimmed.insights[0].stage is None
    assert dependents(trimmed, "persona", "georgi") == [
        "insight 'Скрита такса за доставка' (hidden-fee)"]


def test_unused_things_delete_without_fuss() -> None:
    workshop = load_workshop(FILES / "v1_every_list.json")
    assert dependents(workshop, "stage", "awareness") == ["touchpoint 'Уебсайт' (site)"]
    trimmed = remove(workshop, "action", "show-fee")
    assert trimmed.actions == []
    assert remove(trimmed, "insight", "hidden-fee").insights == []


def test_a_channel_in_use_by_touchpoints_cannot_be_cascaded_away() -> None:
    workshop = load_workshop(FILES / "v1_every_list.json")
    with pytest.raises(InUseError, match="Доставка"):
        remove(workshop, "channel", "courier", cascade=True)


def test_removing_what_is_not_there() -> None:
    workshop = load_workshop(FILES / "v1_minimal.json")
    with pytest.raises(ItemGoneError) as gone:
        remove(workshop, "persona", "ghost")
    assert (gone.value.kind, gone.value.item_id) == ("persona", "ghost")
    assert "ghost" not in str(gone.value)  # an id is no word of the room's
    assert str(gone.value.named("Ghost Rider")) == ("The persona 'Ghost Rider' was deleted on "
                                                    "another screen.")


@pytest.mark.parametrize(("name", "taken", "expected"), [
    ("Web chat", (), "web-chat"),
    ("Уеб чат", (), "ueb-chat"),
    ("Ѓорѓи Јовановски", (), "gjorgji-jovanovski"),
    ("Pieskāriena punkts", (), "pieskariena-punkts"),
    ("Щастие", (), "shtastie"),
    ("Web chat", ("web-chat", "web-chat-2"), "web-chat-3"),
    ("!!!", (), "item"),
])
def test_make_id(name: str, taken: tuple, expected: str) -> None:
    assert make_id(name, taken) == expected
