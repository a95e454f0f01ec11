"""What changed between two versions of a workshop, said in words."""

from __future__ import annotations

from pathlib import Path

from journeylab import edit
from journeylab.changes import describe_changes
from journeylab.i18n import language
from journeylab.store import load_workshop

DEMO = Path(__file__).parents[1] / "workshops" / "mortgage-journey"


def test_nothing_changed_says_nothing() -> None:
    workshop = load_workshop(DEMO)
    assert describe_changes(workshop, workshop) == []
    assert describe_changes(workshop, load_workshop(DEMO)) == []  # equal, not the same object


def test_items_are_counted_per_list_by_id() -> None:
    before = load_workshop(DEMO)
    after = edit.add(before, "touchpoint", {"name": "Welcome desk", "channel": "store"})
    after = edit.add(after, "touchpoint", {"name": "Queue ticket machine", "channel": "store"})
    after = edit.update(after, "persona", "ellie", story="Buys her first flat.")
    after = edit.move(after, "stage", after.stages[0].id, 1)  # an order is no change of items
    assert describe_changes(before, after) == ["touchpoints: 2 added", "personas: 1 changed"]


def test_removed_items_and_what_went_with_them() -> None:
    before = load_workshop(DEMO)
    after = edit.remove(before, "persona", "ellie", cascade=True)
    said = describe_changes(before, after)
    assert "personas: 1 removed" in said
    assert any(s.startswith("cells of the map: ") and "removed" in s for s in said)
    assert any(s.startswith("emotion scores: ") for s in said)


def test_the_workshops_own_fields_are_named() -> None:
    before = load_workshop(DEMO)
    after = edit.set_fields(before, title="Mortgage journey 2027", goal="Fewer drop-offs")
    assert describe_changes(before, after) == ["set-up: Workshop title, Goal"]


def test_it_speaks_the_language_of_the_room() -> None:
    before = load_workshop(DEMO)
    after = edit.add(before, "touchpoint", {"name": "Welcome desk", "channel": "store"})
    with language("bg"):  # the list's name from the catalogue; the counts once merged
        assert describe_changes(before, after)[0].startswith("точките на контакт: ")
