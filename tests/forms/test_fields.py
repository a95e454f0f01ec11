"""Fields as the facilitator meets them: tick boxes for several choices, dates as the room
writes them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pytest
import traitlets

from journeylab.forms.fields import DateField, FieldRow, FieldSpec, TickBoxes
from journeylab.forms.insights import insights_actions
from journeylab.forms.personas import personas
from journeylab.forms.session import Session
from journeylab.forms.setup import setup
from journeylab.forms.touchpoints import touchpoints
from journeylab.i18n import date_hint
from journeylab.store import load_workshop

from .conftest import demo_copy, editor_row

STAGES = [("Research and comparison of lenders", "research"), ("Offer", "offer"),
          ("Keys", "keys")]


def widgets_in(widget: widgets.Widget):
    """``widget`` and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_in(child)


# -- tick boxes ------------------------------------------------------------------------------

def test_each_option_is_a_tick_box_with_its_whole_label() -> None:
    boxes = TickBoxes(options=STAGES, value=("keys",))
    assert [(b.description, b.value) for b in boxes.children] == [
        ("Research and comparison of lenders", False), ("Offer", False), ("Keys", True)]
    assert all(isinstance(b, widgets.Checkbox) for b in boxes.children)
    assert boxes.layout.flex_flow == "row wrap"


def test_ticking_a_box_changes_the_value_once_in_the_order_of_the_options() -> None:
    boxes = TickBoxes(options=STAGES, value=("keys",))
    seen: list[tuple] = []
    boxes.observe(lambda change: seen.append(change["new"]), names="value")
    boxes.boxes["research"].value = True
    boxes.boxes["keys"].value = False
    assert seen == [("research", "keys"), ("research",)]
    boxes.value = ("offer", "research")
    assert [b.value for b in boxes.children] == [True, True, False]
    assert boxes.value == ("research", "offer")


def test_a_value_that_is_no_option_is_refused_as_by_a_list() -> None:
    boxes = TickBoxes(options=STAGES)
    with pytest.raises(traitlets.TraitError):
        boxes.value = ("checkout",)


def test_new_options_keep_the_ticks_that_still_exist() -> None:
    boxes = TickBoxes(options=STAGES, value=("offer", "keys"))
    boxes.options = [("Offer, renamed", "offer"), ("Handover", "handover")]
    assert boxes.value == ("offer",)
    assert [(b.description, b.value) for b in boxes.children] == [
        ("Offer, renamed", True), ("Handover", False)]
    assert boxes.options == (("Offer, renamed", "offer"), ("Handover", "handover"))


def test_disabled_tick_boxes_cannot_be_ticked() -> None:
    boxes = TickBoxes(options=STAGES, disabled=True)
    assert all(b.disabled for b in boxes.children)
    boxes.disabled = False
    assert not any(b.disabled for b in boxes.children)


def test_a_field_of_several_choices_is_tick_boxes(folder: Path) -> None:
    workshop = Session.open(folder).workshop
    row = FieldRow(FieldSpec("stages", "Stages", "multi",
                             options=lambda w: [(s.name, s.id) for s in w.stages]), workshop)
    assert isinstance(row.input, TickBoxes)
    row.show(["research", "offer"])
    assert row.read() == ["research", "offer"]


def test_ticking_a_stage_of_a_touchpoint_saves_it(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    point = load_workshop(folder).touchpoints[0]
    form.editor.choice.value = point.id
    stages = editor_row(form, "stages")
    unticked = next(v for v, box in stages.input.boxes.items() if not box.value)
    stages.input.boxes[unticked].value = True
    saved = next(t for t in load_workshop(folder).touchpoints if t.id == point.id)
    assert unticked in saved.stages and set(point.stages) <= set(saved.stages)
    assert stages.message.text.startswith("✓ Saved ")


@pytest.mark.parametrize("form", [setup, touchpoints, personas, insights_actions],
                         ids=lambda f: f.__name__)
def test_no_form_asks_for_ctrl_click_or_a_browser_date(folder: Path, form) -> None:
    shown = form(Session.open(folder))
    assert not any(isinstance(w, widgets.SelectMultiple | widgets.DatePicker)
                   for w in widgets_in(shown))
    assert any(isinstance(w, TickBoxes) for w in widgets_in(shown)) or form is setup


# -- dates -------------------------------------------------------------------------------------

@pytest.fixture
def bulgarian(tmp_path: Path) -> Path:
    return demo_copy(tmp_path, "elektronika-online")


def test_the_workshop_date_shows_as_its_language_writes_it(bulgarian: Path) -> None:
    form = setup(Session.open(bulgarian))
    date = form.fields["date"].input
    assert isinstance(date, DateField)
    saved = load_workshop(bulgarian).date
    assert date.text.value == saved.strftime("%d.%m.%Y")
    assert date.text.placeholder == date_hint() != ""


@pytest.mark.parametrize("typed", ["31.03.2027", "2027-03-31", "31.3.27"])
def test_a_typed_date_is_saved_and_shown_in_the_workshops_form(bulgarian: Path,
                                                              typed: str) -> None:
    form = setup(Session.open(bulgarian))
    row = form.fields["date"]
    row.input.text.value = typed
    assert load_workshop(bulgarian).date == dt.date(2027, 3, 31)
    assert row.input.text.value == "31.03.2027"
    assert row.message.text.startswith("✓ ")


def test_a_wrong_date_is_refused_beside_the_field_and_kept(folder: Path) -> None:
    form = setup(Session.open(folder))
    row = form.fields["date"]
    before = (folder / "journey.json").read_bytes()
    row.input.text.value = "31/13/2027"
    assert "must be a date written as dd/mm/yyyy, such as 31/03/2027" in row.message.text
    assert row.input.text.value == "31/13/2027"  # kept, to be corrected
    assert (folder / "journey.json").read_bytes() == before
    row.input.text.value = "30/11/2027"
    assert load_workshop(folder).date == dt.date(2027, 11, 30)
    assert row.message.text.startswith("✓ Saved ")


def test_emptying_the_date_leaves_the_workshop_without_one(folder: Path) -> None:
    form = setup(Session.open(folder))
    form.fields["date"].input.text.value = ""
    assert load_workshop(folder).date is None


def test_an_actions_due_date_is_typed_the_same_way(bulgarian: Path) -> None:
    form = insights_actions(Session.open(bulgarian))
    due = next(r for r in form.actions.rows if r.spec.name == "due")
    assert isinstance(due.input, DateField)
    action = form.actions.selected()
    due.input.text.value = "15.06.2027"
    saved = next(a for a in load_workshop(bulgarian).actions if a.id == action.id)
    assert saved.due == dt.date(2027, 6, 15)
    due.input.text.value = "15.06"
    assert due.message.state == "refused" and date_hint() in due.message.text
    assert next(a for a in load_workshop(bulgarian).actions if a.id == action.id).due == \
        dt.date(2027, 6, 15)
