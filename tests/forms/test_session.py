"""Saving beside what changed: the save mark, the status line, and which row says "Saved"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from journeylab import edit
from journeylab.forms.fields import FieldSpec
from journeylab.forms.items import ItemEditor, ListSpec
from journeylab.forms.session import SaveMark, Session
from journeylab.forms.setup import setup
from journeylab.store import load_workshop

NOON = dt.datetime(2027, 3, 31, 12, 0, 5)


def participants(session: Session) -> ItemEditor:
    return ItemEditor(session, ListSpec(
        "participant", "participants", "Participants",
        [FieldSpec("name", "Name", required=True), FieldSpec("department", "Department")]))


def test_two_saves_in_the_same_second_change_the_mark() -> None:
    mark = SaveMark()
    mark.saved(when=NOON)
    first = mark.value
    mark.saved(when=NOON)
    assert mark.text == "✓ Saved 12:00:05"
    assert mark.value != first  # the browser is sent the mark again, and it lights up again
    second = mark.value
    mark.saved(when=NOON)
    assert mark.value != second


def test_a_field_says_saved_beside_itself_and_only_there(folder: Path) -> None:
    form = setup(Session.open(folder))
    organisation, goal = form.fields["organisation"], form.fields["goal"]
    organisation.input.value = "Aldermoor Building Society"
    assert organisation.message.text.startswith("✓ Saved ")
    assert goal.message.text == "" and form.session.status.text == ""
    goal.input.value = "Fewer drop-offs"
    assert goal.message.text.startswith("✓ Saved ")
    assert organisation.message.text == ""  # the one "Saved" on the page is the latest
    assert load_workshop(folder).goal == "Fewer drop-offs"


def test_saving_the_same_field_twice_at_once_shows_each_save(folder: Path) -> None:
    form = setup(Session.open(folder))
    scope = form.fields["scope"]
    scope.input.value = "From search to keys"
    first = scope.message.value
    scope.input.value = "From search to the first payment"
    assert scope.message.value != first and scope.message.text.startswith("✓ Saved ")


def test_a_list_item_field_says_saved_in_its_own_row(folder: Path) -> None:
    editor = participants(Session.open(folder))
    name, department = editor.rows
    department.input.value = "Underwriting"
    assert department.message.text.startswith("✓ Saved ")
    assert name.message.text == "" and editor.message.text == ""
    saved = load_workshop(folder).participants[0]
    assert saved.department == "Underwriting"


def test_adding_and_deleting_say_so_beside_the_list(folder: Path) -> None:
    editor = participants(Session.open(folder))
    editor.new_name.value = "Inga Ozoliņa"
    assert editor.message.text.startswith("✓ Added 'Inga Ozoliņa'. Saved ")
    assert all(row.message.text == "" for row in editor.rows)
    editor.delete.click()
    assert editor.message.text.startswith("✓ Deleted 'Inga Ozoliņa'. Saved ")


def test_a_refused_value_stays_with_the_reason_beside_it(folder: Path) -> None:
    session = Session.open(folder)
    editor = participants(session)
    before = load_workshop(folder)
    name = editor.rows[0]
    name.input.value = "   "
    assert name.message.text == "must not be empty"
    assert name.input.value == "   " and load_workshop(folder) == before
    assert session.status.text == ""
    editor.rows[1].input.value = "Sales"  # another field saved: the refusal stays its own
    assert name.message.text == "" and name.input.value == before.participants[0].name


def test_choosing_another_item_clears_what_the_rows_said(folder: Path) -> None:
    editor = participants(Session.open(folder))
    editor.rows[1].input.value = "Sales"
    editor.choice.value = editor.choice.options[1][1]
    assert [row.message.text for row in editor.rows] == ["", ""]


def test_a_question_before_deleting_goes_when_another_item_is_chosen(folder: Path) -> None:
    session = Session.open(folder)
    stages = ItemEditor(session, ListSpec("stage", "stages", "Stages",
                                          [FieldSpec("name", "Name", required=True)]))
    stages.delete.click()  # the first stage has touchpoints: the editor asks first
    assert "is used by" in stages.message.text and stages.delete.description != "Delete"
    stages.choice.value = stages.choice.options[1][1]
    assert stages.message.text == "" and stages.delete.description == "Delete"


def test_without_a_place_the_status_line_says_it(folder: Path) -> None:
    session = Session.open(folder)
    assert session.apply(lambda w: edit.set_fields(w, facilitator="Līga Ozola")) == []
    assert session.status.text.startswith("✓ Saved ")
    session.apply(lambda w: edit.set_fields(w, title=""))
    assert "must not be empty" in session.status.text

