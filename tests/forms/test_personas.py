"""``02_personas`` without a browser: the room describes its personas and their channels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeylab import edit
from journeylab.errors import JourneyLabError
from journeylab.i18n import language
from journeylab.forms.session import Session
from journeylab.forms.personas import PersonasForm, nested_change, personas, value_at
from journeylab.model import Persona
from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile, load_workshop

from .conftest import editor_row as row, plain

ROOT = Path(__file__).parents[2]


@pytest.fixture
def form(folder: Path) -> PersonasForm:
    return personas(Session.open(folder))


def saved_persona(folder: Path, persona_id: str) -> Persona:
    return next(p for p in load_workshop(folder).personas if p.id == persona_id)


def add(form: PersonasForm, name: str) -> str:
    form.editor.new_name.value = name
    return form.editor.choice.value


# -- the persona's own fields ------------------------------------------------------------------

def test_enter_adds_a_persona_and_its_fields_are_saved(form: PersonasForm,
                                                       folder: Path) -> None:
    persona_id = add(form, "Priya, the remortgaging parent")
    row(form, "tagline").input.value = "I just want a better rate without the paperwork."
    row(form, "story").input.value = "Priya is 41.\nShe remortgages every five years."
    row(form, "goals").input.value = "Lower payments\n\n  Keep the same lender  \n"
    row(form, "needs").input.value = "A clear comparison"
    row(form, "frustrations").input.value = "Forms asking again\nHold music"
    saved = saved_persona(folder, persona_id)
    assert saved.name == "Priya, the remortgaging parent"
    assert saved.tagline == "I just want a better rate without the paperwork."
    assert saved.story == "Priya is 41.\nShe remortgages every five years."
    assert saved.goals == ["Lower payments", "Keep the same lender"]
    assert saved.needs == ["A clear comparison"]
    assert saved.frustrations == ["Forms asking again", "Hold music"]
    assert row(form, "frustrations").message.text.startswith("✓ Saved ")
    assert row(form, "needs").message.text == ""  # one "Saved" on the page: the latest


def test_nested_fields_are_saved_without_losing_their_siblings(form: PersonasForm,
                                                               folder: Path) -> None:
    before = saved_persona(folder, "marcus")
    form.editor.choice.value = "marcus"
    assert form.details["demographics.age"].input.value == before.demographics.age
    form.details["demographics.age"].input.value = "45–54"
    form.details["demographics.location"].input.value = "Leeds"
    form.details["psychographics.values"].input.value = "Independence\nFairness"
    form.details["behaviour.devices"].input.value = "Phone in the van"
    saved = saved_persona(folder, "marcus")
    assert saved.demographics.age == "45–54" and saved.demographics.location == "Leeds"
    assert saved.demographics.gender == before.demographics.gender
    assert saved.demographics.occupation == before.demographics.occupation
    assert saved.psychographics.values == "Independence\nFairness"
    assert saved.psychographics.interests == before.psychographics.interests
    assert saved.behaviour.devices == "Phone in the van"
    assert saved.behaviour.habits == before.behaviour.habits


def test_nested_fields_follow_the_selected_persona(form: PersonasForm, folder: Path) -> None:
    workshop = load_workshop(folder)
    for persona in workshop.personas:
        form.editor.choice.value = persona.id
        for path, field_row in form.details.items():
            assert field_row.input.value == value_at(persona, path)
            assert field_row.input.disabled is False


def test_a_bad_nested_value_is_refused_beside_the_field(form: PersonasForm,
                                                        folder: Path) -> None:
    before = saved_persona(folder, "ellie")
    form.editor.choice.value = "ellie"
    form.details["demographics.age"].input.value = "30\t39"
    assert "must fit on one line" in plain(form.details["demographics.age"].message.value)
    assert saved_persona(folder, "ellie").demographics == before.demographics
    form.details["demographics.income"].input.value = "x" * 201
    assert "200" in plain(form.details["demographics.income"].message.value)
    form.details["demographics.age"].input.value = "30–39"
    assert form.details["demographics.age"].message.text.startswith("✓ Saved")
    assert saved_persona(folder, "ellie").demographics.age == "30–39"


def test_an_empty_name_is_refused_beside_the_field(form: PersonasForm, folder: Path) -> None:
    form.editor.choice.value = "aleks"
    row(form, "name").input.value = ""
    assert plain(row(form, "name").message.value) == "must not be empty"
    assert saved_persona(folder, "aleks").name == "Aleks, the recent arrival"
    assert form.session.status.text == ""  # said once, beside the field


def test_a_persona_with_journey_cells_is_deleted_only_after_confirming(
        form: PersonasForm, folder: Path) -> None:
    form.editor.choice.value = "joanna"
    form.editor.delete.click()
    assert "joanna" in {p.id for p in load_workshop(folder).personas}
    assert "Confirm" in form.editor.delete.description
    form.editor.delete.click()
    assert "joanna" not in {p.id for p in load_workshop(folder).personas}
    assert ("joanna", "website") not in form.grid.boxes
    form.editor.undo.click()
    assert "joanna" in {p.id for p in load_workshop(folder).personas}
    assert form.grid.box("joanna", "phone").value is ("phone" in saved_persona(
        folder, "joanna").channels)


def test_personas_can_be_reordered(form: PersonasForm, folder: Path) -> None:
    form.editor.choice.value = "aleks"
    form.editor.up.click()
    assert [p.id for p in load_workshop(folder).personas][-2:] == ["aleks", "joanna"]
    assert "Aleks" in plain(form.table.value).split("Joanna")[0]


# -- channels ------------------------------------------------------------------------------------

def test_ticking_the_grid_saves_at_once(form: PersonasForm, folder: Path) -> None:
    assert "events" not in saved_persona(folder, "ellie").channels
    form.editor.choice.value = "ellie"
    form.grid.box("ellie", "events").value = True
    assert saved_persona(folder, "ellie").channels[-1] == "events"
    assert "events" in row(form, "channels").input.value
    form.grid.box("ellie", "website").value = False
    channels = saved_persona(folder, "ellie").channels
    assert "website" not in channels and "events" in channels


def test_grid_and_channel_menu_agree(form: PersonasForm, folder: Path) -> None:
    form.editor.choice.value = "marcus"
    row(form, "channels").input.value = ("chat", "broker-portal")
    assert saved_persona(folder, "marcus").channels == ["chat", "broker-portal"]
    assert form.grid.box("marcus", "chat").value is True
    assert form.grid.box("marcus", "broker-portal").value is True
    assert form.grid.box("marcus", "phone").value is False


def test_grid_has_every_persona_and_channel(form: PersonasForm, folder: Path) -> None:
    workshop = load_workshop(folder)
    assert len(form.grid.boxes) == len(workshop.personas) * (13 + len(workshop.channels))
    for persona in workshop.personas:
        ticked = {c for (p, c), box in form.grid.boxes.items() if p == persona.id and box.value}
        assert ticked == set(persona.channels)
    box = form.grid.box("aleks", "video-call")
    assert box.tooltip == "Aleks, the recent arrival uses Video appointment"
    assert "journeylab-uses-aleks--video-call" in box._dom_classes


def test_grid_grows_with_new_personas_and_keeps_its_boxes(form: PersonasForm) -> None:
    kept = form.grid.box("ellie", "chat")
    persona_id = add(form, "Sam")
    assert form.grid.box("ellie", "chat") is kept
    assert form.grid.box(persona_id, "chat").value is False
    assert len(form.grid.grid.children) == (1 + 15) * 6


def test_a_refused_tick_is_taken_back(form: PersonasForm, folder: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise JourneyLabError("the workshop is locked")

    monkeypatch.setattr(edit, "update", refuse)
    form.grid.box("ellie", "events").value = True
    assert form.grid.box("ellie", "events").value is False
    assert plain(form.grid.message.value) == "the workshop is locked"
    assert "events" not in saved_persona(folder, "ellie").channels


def test_a_tick_for_a_persona_deleted_elsewhere_is_refused(form: PersonasForm,
                                                           folder: Path) -> None:
    name = next(p.name for p in form.session.workshop.personas if p.id == "aleks")
    other = Session.open(folder)  # another tab deletes the persona meanwhile
    other.apply(lambda w: edit.remove(w, "persona", "aleks", cascade=True))
    form.grid.box("aleks", "events").value = True
    assert plain(form.grid.message.value) == f"The persona '{name}' was deleted on another screen."
    assert ("aleks", "events") not in form.grid.boxes  # the other tab's delete is shown
    assert "aleks" not in {p.id for p in load_workshop(folder).personas}


# -- what the form shows --------------------------------------------------------------------------

def test_the_gdpr_reminder_is_shown(form: PersonasForm) -> None:
    text = plain(form.reminder.value)
    assert "archetypes" in text and "GDPR" in text and "never a real person" in text


def test_table_shows_what_was_entered(form: PersonasForm) -> None:
    persona_id = add(form, "Priya")
    form.details["demographics.occupation"].input.value = "Pharmacist"
    form.grid.box(persona_id, "broker-portal").value = True
    row(form, "goals").input.value = "One\nTwo"
    cells = re.findall(r"<td>(.*?)</td>", form.table.value)
    index = cells.index("Priya")
    assert cells[index:index + 10] == ["Priya", "", "", "Pharmacist", "", "", "Broker portal",
                                       "2", "0", "0"]
    assert "5 personas" in plain(form.table.value)
    add(form, "Tom")
    assert "most maps follow one to five" in plain(form.table.value)


@pytest.mark.parametrize("typed", ['"I want a person who knows my case."',
                                   "„I want a person who knows my case.“",
                                   "«„I want a person who knows my case.“»",
                                   "‘I want a person who knows my case.’"])
def test_a_motto_is_saved_without_the_quotes_typed_around_it(form: PersonasForm,
                                                            folder: Path, typed: str) -> None:
    tagline = row(form, "tagline")
    assert not set(tagline.input.placeholder) & set("\"'„“”«»‘’‚")
    form.editor.choice.value = "marcus"
    tagline.input.value = typed
    assert saved_persona(folder, "marcus").tagline == "I want a person who knows my case."
    assert tagline.input.value == "I want a person who knows my case."  # what was saved
    assert tagline.message.text.startswith("✓ Saved")
    assert "“I want a person who knows my case.”" in plain(form.table.value)
    assert "““" not in plain(form.table.value) and '"' not in plain(form.table.value)


def test_a_motto_saved_with_quotes_before_is_shown_with_one_pair(folder: Path) -> None:
    workshop = load_workshop(folder)
    WorkshopFile.open(folder).save(edit.update(workshop, "persona", "marcus",
                                               tagline="„„Good salary, not here yet““"))
    with language("bg"):
        form = personas(Session.open(folder))
        assert "„Good salary, not here yet“" in plain(form.table.value)
        assert "„„" not in plain(form.table.value)


def test_chart_is_redrawn_only_when_channels_or_names_change(form: PersonasForm) -> None:
    first = form.chart.value
    assert bytes(first).startswith(b"\x89PNG")
    form.editor.choice.value = "ellie"
    row(form, "story").input.value = "A new story"
    form.details["demographics.age"].input.value = "29"
    assert form.chart.value is first
    form.grid.box("ellie", "events").value = True
    assert bytes(form.chart.value) != bytes(first)


# -- pure helpers and any workshop ----------------------------------------------------------------

def test_nested_change_keeps_sibling_fields() -> None:
    persona = Persona(id="a", name="A", demographics={"age": "30", "gender": "f"})
    assert nested_change(persona, "demographics.age", "40") == {
        "demographics": {**persona.demographics.model_dump(), "age": "40"}}
    assert nested_change(persona, "story", "x") == {"story": "x"}
    assert value_at(persona, "demographics.gender") == "f"


def test_a_brand_new_workshop_works(tmp_path: Path) -> None:
    workshop = edit.new_workshop("Jauns veikals", "lv", "five-stages-research")
    session = Session(WorkshopFile.create(tmp_path / "new", workshop))
    form = personas(session)
    assert form.editor.choice.options == () and form.grid.boxes == {}
    assert all(r.input.disabled for r in form.details.values())
    form.details["demographics.age"].input.value = "ignored: nobody is selected"
    persona_id = add(form, "Līga, studente")
    assert form.details["demographics.age"].input.value == ""
    form.details["demographics.age"].input.value = "18–24"
    form.grid.box(persona_id, "mobile").value = True
    saved = load_workshop(tmp_path / "new").personas
    assert [(p.name, p.demographics.age, p.channels) for p in saved] == [
        ("Līga, studente", "18–24", ["mobile"])]


def test_eight_personas_and_a_tick(tmp_path: Path) -> None:
    session = Session(WorkshopFile.create(tmp_path / "big", large_workshop()))
    form = personas(session)
    assert len(form.grid.boxes) == 8 * 13
    form.grid.box("persona-3", "print").value = not form.grid.box("persona-3", "print").value
    expected = form.grid.box("persona-3", "print").value
    saved = next(p for p in load_workshop(tmp_path / "big").personas if p.id == "persona-3")
    assert ("print" in saved.channels) is expected


def test_running_the_cell_again_leaves_only_the_new_form_listening(folder: Path) -> None:
    session = Session.open(folder)
    old = personas(session)
    new = personas(session)
    persona_id = add(new, "Priya")
    assert ("Priya" in plain(new.table.value), "Priya" in plain(old.table.value)) == (True, False)
    assert (persona_id, "chat") in new.grid.boxes and (persona_id, "chat") not in old.grid.boxes
