"""Step 4 without a browser: the facilitator maps stage × persona cells in lanes of cards."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from journeylab import edit
from journeylab.i18n import _, language
from journeylab.analysis import card_counts, next_empty_cell
from journeylab.errors import WorkshopInvalid
from journeylab.forms.session import Session
from journeylab.forms.mapping import StageMapping, stage_mapping
from journeylab.model import Evidence, Lane
from journeylab.store import WorkshopFile, load_workshop

ROOT = Path(__file__).parents[2]


@pytest.fixture
def form(folder: Path) -> StageMapping:
    return stage_mapping(Session.open(folder))


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def saved_lane(folder: Path, stage: str, persona: str, lane: str) -> list[tuple[str, str]]:
    cell = load_workshop(folder).cell(stage, persona)
    return [(card.text, card.evidence.value) for card in getattr(cell, lane)] if cell else []


def with_empty_cells(folder: Path, *cells: tuple[str, str]) -> None:
    """Remove some journey cells from the workshop on disk."""
    workshop = load_workshop(folder)
    kept = [c for c in workshop.journey if (c.stage, c.persona) not in cells]
    WorkshopFile.open(folder).save(workshop.model_copy(update={"journey": kept}))


# -- cards --------------------------------------------------------------------------------

def test_typing_a_card_and_enter_saves_it_at_the_end_of_the_lane(form, folder) -> None:
    form.choose("offer", "marcus")
    before = saved_lane(folder, "offer", "marcus", "pain_points")
    lane = form.lanes[Lane.PAIN_POINTS]
    lane.new_evidence.value = "interview"
    lane.new_text.value = "  Two lenders ask for the same bank statements  "
    assert saved_lane(folder, "offer", "marcus", "pain_points") == [
        *before, ("Two lenders ask for the same bank statements", "interview")]
    assert lane.new_text.value == ""
    assert lane.message.text.startswith("✓ Saved ")  # beside the box typed in
    assert lane.rows[len(before)].text.value == "Two lenders ask for the same bank statements"
    assert f"({len(before) + 1})" in plain(lane.heading.value)


def test_a_new_card_is_an_assumption_until_the_room_says_otherwise(form, folder) -> None:
    form.choose("research", "aleks")
    form.lanes[Lane.THOUGHTS].new_text.value = "Will a short credit history count against me?"
    assert saved_lane(folder, "research", "aleks", "thoughts")[-1] == (
        "Will a short credit history count against me?", "assumption")


def test_editing_a_card_text_and_evidence_saves_each_change(form, folder) -> None:
    form.choose("usage", "joanna")
    lane = form.lanes[Lane.NEEDS]
    first_before = saved_lane(folder, "usage", "joanna", "needs")
    assert first_before, "the demo cell must have needs to edit"
    lane.rows[0].text.value = "A named case handler"
    lane.rows[0].evidence.value = "survey"
    after = saved_lane(folder, "usage", "joanna", "needs")
    assert after[0] == ("A named case handler", "survey")
    assert after[1:] == first_before[1:]


def test_an_empty_card_is_refused_beside_it_and_nothing_is_saved(form, folder) -> None:
    form.choose("offer", "ellie")
    before = saved_lane(folder, "offer", "ellie", "goals")
    row = form.lanes[Lane.GOALS].rows[0]
    row.text.value = "   "
    assert "must not be empty" in plain(row.message.value)
    assert saved_lane(folder, "offer", "ellie", "goals") == before
    assert form.session.status.text == ""  # said once, under the card
    row.text.value = "Compare offers side by side"  # fixing it says it is saved
    assert row.message.text.startswith("✓ Saved ")
    assert saved_lane(folder, "offer", "ellie", "goals")[0][0] == "Compare offers side by side"


def test_a_too_long_or_invisible_character_card_is_refused_with_the_reason(form, folder) -> None:
    lane = form.lanes[Lane.FEELINGS]
    before = saved_lane(folder, *form.place, "feelings")
    lane.new_text.value = "x" * 1001
    assert "at most 1000 characters" in plain(lane.message.value)
    assert lane.new_text.value == "x" * 1001  # kept, so it can be shortened
    lane.new_text.value = "Relief\x07"
    assert "invisible control character (U+0007)" in plain(lane.message.value)
    assert saved_lane(folder, *form.place, "feelings") == before


def test_the_add_button_with_an_empty_box_says_what_to_do(form, folder) -> None:
    before = load_workshop(folder)
    form.lanes[Lane.GOALS].add_button.click()
    assert "Type the card's text first" in plain(form.lanes[Lane.GOALS].message.value)
    assert load_workshop(folder) == before


def test_delete_then_undo_puts_the_card_back_in_its_place(form, folder) -> None:
    form.choose("conversion", "ellie")
    lane = form.lanes[Lane.PAIN_POINTS]
    before = saved_lane(folder, "conversion", "ellie", "pain_points")
    assert len(before) >= 2
    lane.rows[0].delete.click()
    assert saved_lane(folder, "conversion", "ellie", "pain_points") == before[1:]
    assert before[0][0] in plain(lane.message.value)
    assert lane.undo.layout.display != "none"
    lane.undo.click()
    assert saved_lane(folder, "conversion", "ellie", "pain_points") == before
    assert lane.undo.layout.display == "none"


def test_undo_is_forgotten_when_moving_to_another_cell(form, folder) -> None:
    form.choose("conversion", "ellie")
    lane = form.lanes[Lane.PAIN_POINTS]
    lane.rows[0].delete.click()
    form.choose("offer", "ellie")
    assert lane.undo.layout.display == "none"
    assert lane.message.value == ""


def test_up_and_down_reorder_the_cards(form, folder) -> None:
    form.choose("research", "ellie")
    lane = form.lanes[Lane.ACTIONS]
    before = saved_lane(folder, "research", "ellie", "actions")
    assert len(before) >= 2
    assert lane.rows[0].up.disabled and not lane.rows[0].down.disabled
    lane.rows[0].down.click()
    assert saved_lane(folder, "research", "ellie", "actions")[:2] == [before[1], before[0]]
    lane.rows[1].up.click()
    assert saved_lane(folder, "research", "ellie", "actions") == before


def test_a_card_changed_in_another_window_is_never_overwritten(form, folder) -> None:
    form.choose("offer", "marcus")
    other = Session.open(folder)
    cards = saved_lane(folder, "offer", "marcus", "goals")
    assert cards
    other.apply(lambda w: edit.set_cards(w, "offer", "marcus", "goals",
                                         [{"text": "Changed over there"}]))
    form.lanes[Lane.GOALS].rows[0].text.value = "Changed here"
    assert saved_lane(folder, "offer", "marcus", "goals") == [("Changed over there",
                                                                "assumption")]
    assert "changed in another window" in form.lanes[Lane.GOALS].rows[0].message.text
    assert form.lanes[Lane.GOALS].rows[0].text.value == "Changed over there"


def test_a_card_added_while_another_window_added_one_keeps_both(form, folder) -> None:
    form.choose("loyalty", "aleks")
    other = Session.open(folder)
    other.apply(lambda w: edit.set_cards(
        w, "loyalty", "aleks", "opportunities",
        [*({"text": c.text} for c in w.cell("loyalty", "aleks").opportunities),
         {"text": "From the other window"}]))
    form.lanes[Lane.OPPORTUNITIES].new_text.value = "From this window"
    texts = [text for text, _e in saved_lane(folder, "loyalty", "aleks", "opportunities")]
    assert texts[-2:] == ["From the other window", "From this window"]


# -- the grid of cells --------------------------------------------------------------------

def test_grid_marks_empty_cells_and_a_click_moves_there(folder) -> None:
    with_empty_cells(folder, ("offer", "aleks"), ("usage", "marcus"))
    form = stage_mapping(Session.open(folder))
    empty = {cell for cell, button in form.cells.items() if button.description == "empty"}
    assert empty == {("offer", "aleks"), ("usage", "marcus")}
    assert all(form.cells[c].button_style == "warning" for c in empty)
    assert "2 of 20 cells have no cards yet" in plain(form.grid_note.value)
    form.cells["usage", "marcus"].click()
    assert form.place == ("usage", "marcus")
    assert (form.stage.value, form.persona.value) == ("usage", "marcus")
    assert all(not lane.cards for lane in form.lanes.values())
    assert form.cells["usage", "marcus"].button_style == "primary"
    form.lanes[Lane.GOALS].new_text.value = "Move without losing the fixed rate"
    assert form.cells["usage", "marcus"].description == "1"
    assert "1 of 20 cells" in plain(form.grid_note.value)


def test_grid_counts_are_the_cards_on_disk(form, folder) -> None:
    workshop = load_workshop(folder)
    for (stage, persona), button in form.cells.items():
        cell = workshop.cell(stage, persona)
        assert button.description == str(sum(1 for _ in cell.cards()))


def test_next_empty_cell_follows_the_persona_along_the_journey(folder) -> None:
    with_empty_cells(folder, ("research", "marcus"), ("loyalty", "ellie"))
    form = stage_mapping(Session.open(folder))
    form.choose("offer", "ellie")
    form.next_empty.click()
    assert form.place == ("loyalty", "ellie")
    form.next_empty.click()
    assert form.place == ("research", "marcus")
    form.next_empty.click()  # wraps around
    assert form.place == ("loyalty", "ellie")


def test_next_empty_cell_says_so_when_every_cell_has_cards(form) -> None:
    place = form.place
    form.next_empty.click()
    assert form.place == place
    assert "Every stage has cards for every persona" in plain(form.grid_note.value)


def test_chart_shows_the_cell_being_mapped(form) -> None:
    assert bytes(form.chart.value).startswith(b"\x89PNG")
    form.choose("usage", "aleks")
    assert form._coverage._current == ("usage", "aleks")


# -- service blueprint ---------------------------------------------------------------------

def test_blueprint_cards_are_saved_for_the_stage(form, folder) -> None:
    form.choose("conversion", "joanna")
    lane = form.blueprint_lanes["systems"]
    before = [c.text for c in next(b for b in load_workshop(folder).blueprint
                                   if b.stage == "conversion").systems]
    lane.new_evidence.value = "analytics"
    lane.new_text.value = "Valuation booking system"
    cell = next(b for b in load_workshop(folder).blueprint if b.stage == "conversion")
    assert [c.text for c in cell.systems] == [*before, "Valuation booking system"]
    assert cell.systems[-1].evidence is Evidence.ANALYTICS
    form.choose("conversion", "ellie")  # the blueprint belongs to the stage, not the persona
    assert lane.cards[-1]["text"] == "Valuation booking system"


def test_set_blueprint_cards_creates_the_stage_blueprint_and_checks_cards() -> None:
    workshop = edit.new_workshop("Blueprint", framework="five-stages-research")
    changed = edit.set_blueprint_cards(workshop, "offer", "frontstage",
                                  [{"text": "Adviser call", "evidence": "workshop"}])
    assert [(c.stage, [x.text for x in c.frontstage]) for c in changed.blueprint] == [
        ("offer", ["Adviser call"])]
    again = edit.set_blueprint_cards(changed, "offer", "frontstage", [])
    assert again.blueprint[0].frontstage == []
    with pytest.raises(WorkshopInvalid) as refused:
        edit.set_blueprint_cards(workshop, "offer", "systems", [{"text": ""}])
    assert refused.value.problems[0].path == "blueprint[0].systems[0].text"


# -- pure helpers ----------------------------------------------------------------------------

def test_card_counts_and_next_empty_cell() -> None:
    workshop = edit.new_workshop("Counts", framework="five-stages-research")
    workshop = edit.add(workshop, "persona", {"name": "Ann"})
    workshop = edit.add(workshop, "persona", {"name": "Ben"})
    workshop = edit.set_cards(workshop, "offer", "ann", "goals", [{"text": "a"}, {"text": "b"}])
    workshop = edit.set_cards(workshop, "offer", "ann", "needs", [{"text": "c"}])
    counts = card_counts(workshop)
    assert list(counts.index) == ["ann", "ben"]
    assert list(counts.columns) == ["research", "offer", "conversion", "usage", "loyalty"]
    assert counts.loc["ann", "offer"] == 3
    assert int(counts.to_numpy().sum()) == 3
    assert next_empty_cell(counts, "research", "ann") == ("conversion", "ann")
    assert next_empty_cell(counts, "loyalty", "ben") == ("research", "ann")
    full = counts + 1
    assert next_empty_cell(full) is None


# -- a workshop that starts empty ------------------------------------------------------------

def test_a_new_workshop_says_what_is_missing_then_works(tmp_path: Path) -> None:
    created = WorkshopFile.create(tmp_path / "new", edit.new_workshop("Новая карта", "ru"))
    session = Session(created)
    form = stage_mapping(session)
    with language("ru"):  # the workshop's language
        assert _("This workshop has no personas yet: add them in “{step}”.",
                 step=_("Step 3: personas")) in plain(form.notice.value)
    assert form.body.layout.display == "none"
    session.apply(lambda w: edit.add(w, "persona", {"name": "Ольга"}))
    assert form.notice.value == ""
    assert form.body.layout.display == ""
    olga = session.workshop.personas[0].id
    assert form.place == ("awareness", olga)
    form.lanes[Lane.PAIN_POINTS].new_text.value = "Долгая доставка"
    assert saved_lane(tmp_path / "new", "awareness", olga, "pain_points") == [
        ("Долгая доставка", "assumption")]
    assert form.cells["awareness", olga].description == "1"


def test_a_stage_added_elsewhere_appears_in_the_menu_and_grid(form, folder) -> None:
    other = Session.open(folder)
    other.apply(lambda w: edit.add(w, "stage", {"name": "Renewal"}))
    form.session.reload()
    assert ("Renewal", "renewal") in form.stage.options
    assert form.cells["renewal", "ellie"].description == "empty"
