"""``00_start_here`` without a browser: open, create and set up a workshop as a facilitator."""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path

import pytest

from journeylab import edit, i18n, preferences
from journeylab.agenda import AGENDAS, STEPS
from journeylab.forms.session import Session, find_workshop, remember_workshop
from journeylab.forms.setup import SetupForm, setup, stages_from_framework
from journeylab.forms.start import open_workshop, start_here
from journeylab.i18n import current_language
from journeylab.store import WorkshopFile, load_workshop

ROOT = Path(__file__).parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "workshops"
    shutil.copytree(ROOT / "workshops", target)
    return target


@pytest.fixture
def session(root: Path) -> Session:
    return Session.open(root / "mortgage-journey")


def saved(root: Path, folder: str = "mortgage-journey"):
    return load_workshop(root / folder)


def plain(markup: str) -> str:
    """The text of some HTML, as a reader sees it."""
    import re
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


# -- opening ------------------------------------------------------------------------------

def test_menu_lists_every_workshop_by_its_title(root: Path) -> None:
    page = start_here(root)
    titles = {p.parent.name: load_workshop(p.parent).title for p in root.glob("*/journey.json")}
    assert len(titles) == 2
    assert dict((value, label) for label, value in page.choice.options) == titles


def test_nothing_is_opened_or_remembered_until_the_facilitator_chooses(root: Path) -> None:
    page = start_here(root)
    assert page.choice.value is None and page.form is None and page.body.children == ()
    assert not (root / ".current").exists()


def test_choosing_opens_the_workshop_remembers_it_and_shows_its_setup(root: Path) -> None:
    page = start_here(root)
    page.choice.value = "mortgage-journey"
    assert isinstance(page.form, SetupForm) and page.body.children == (page.form,)
    assert page.form.fields["title"].input.value == "First-home mortgage journey"
    assert "First-home mortgage journey" in page.form.heading.value
    assert find_workshop(root) == root / "mortgage-journey"
    first_form = page.form
    page.choice.value = "elektronika-online"
    assert page.form is not first_form and page.body.children == (page.form,)
    assert page.form.fields["organisation"].input.value == "Волтия ООД"
    assert current_language() == "bg"
    # remembered for this person, not in the folder everyone shares
    assert find_workshop(root) == root / "elektronika-online"
    assert not (root / ".current").exists()
    assert preferences.load()["workshops"][str(root.resolve())] == "elektronika-online"


def test_the_remembered_workshop_opens_at_once(root: Path) -> None:
    remember_workshop(root / "elektronika-online")
    page = start_here(root)
    assert page.choice.value == "elektronika-online"
    assert page.form.stages.choice.options[0][0] == "Познаване"


def test_a_colleague_choosing_another_workshop_changes_nothing_for_me(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remember_workshop(root / "mortgage-journey")
    monkeypatch.setenv("JOURNEYLAB_CONFIG_DIR", str(tmp_path / "colleague"))
    start_here(root).choice.value = "elektronika-online"  # the colleague's own choice
    assert find_workshop(root) == root / "elektronika-online"
    monkeypatch.undo()
    assert find_workshop(root) == root / "mortgage-journey"


def test_the_workshop_an_older_version_remembered_still_opens(root: Path) -> None:
    (root / ".current").write_text("elektronika-online\n", encoding="utf-8")
    assert start_here(root).choice.value == "elektronika-online"
    remember_workshop(root / "mortgage-journey")  # this person's own choice comes first
    assert find_workshop(root) == root / "mortgage-journey"


def test_a_workshop_named_by_the_environment_opens_even_outside_the_menu(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere" / "mortgage"
    shutil.copytree(root / "mortgage-journey", elsewhere)
    monkeypatch.setenv("JOURNEYLAB_WORKSHOP", str(elsewhere))
    page = start_here(root)
    assert page.form.session.file.path.parent == elsewhere and page.choice.value is None
    assert not (root / ".current").exists() and not (elsewhere.parent / ".current").exists()


@pytest.mark.parametrize("folder", ["mortgage-journey", "elektronika-online", None])
def test_opening_a_workshop_writes_nothing(root: Path, folder: str | None) -> None:
    if folder is None:
        folder = "new"
        WorkshopFile.create(root / folder, edit.new_workshop("New", "en", "custom"))
    before = (root / folder / "journey.json").read_bytes()
    page = start_here(root)
    page.choice.value = folder
    assert page.form is not None and page.form.session.status.text == ""
    assert (root / folder / "journey.json").read_bytes() == before


def test_a_broken_workshop_file_is_explained_beside_the_menu(root: Path) -> None:
    broken = root / "broken"
    broken.mkdir()
    (broken / "journey.json").write_text('{"title": "Half a fi', encoding="utf-8")
    page = start_here(root)
    page.choice.value = "mortgage-journey"
    page.choice.value = "broken"
    message = plain(page.open_message.value)
    assert "journey.json" in message and "line 1" in message and "not valid JSON" in message
    assert page.form is None and page.body.children == ()
    assert find_workshop(root) == root / "mortgage-journey"  # not remembered


def test_the_read_only_picker_still_shows_a_summary(root: Path) -> None:
    picker = open_workshop(root, "mortgage-journey")
    assert "First-home mortgage journey" in picker.summary.value


# -- creating -----------------------------------------------------------------------------

def test_creating_a_latvian_workshop_saves_it_in_a_new_folder_and_opens_it(root: Path) -> None:
    page = start_here(root)
    page.title.input.value = "Klientu ceļš: ātrāka pieteikšanās"
    page.language.input.value = "lv"
    page.framework.input.value = "five-stages-research"
    page.create.click()
    folder = root / page.choice.value
    workshop = load_workshop(folder)
    assert folder.name == "klientu-cels-atraka-pieteiksanas"
    assert (workshop.title, workshop.language, workshop.framework) == (
        "Klientu ceļš: ātrāka pieteikšanās", "lv", "five-stages-research")
    assert [s.id for s in workshop.stages] == ["research", "offer", "conversion", "usage",
                                               "loyalty"]
    assert find_workshop(root) == folder
    assert page.form.session.file.path.parent == folder
    assert current_language() == "lv"
    assert "Klientu ceļš: ātrāka pieteikšanās" in [label for label, _value in page.choice.options]
    assert page.title.input.value == "" and "Klientu ceļš: ātrāka pieteikšanās" in \
        page.create_message.value
    assert "klientu-cels" not in page.create_message.value + page.open_message.value


def test_an_empty_title_is_refused_beside_the_field_and_nothing_is_created(root: Path) -> None:
    page = start_here(root)
    page.title.input.value = "   "
    assert "must not be empty" in page.title.message.value  # while typing
    page.create.click()
    assert "must not be empty" in page.title.message.value
    assert sorted(p.name for p in root.iterdir()) == ["elektronika-online", "mortgage-journey"]
    page.title.input.value = "Ok"
    assert page.title.message.value == ""


def test_a_second_workshop_with_the_same_title_gets_its_own_folder(root: Path) -> None:
    page = start_here(root)
    for _round in range(2):
        page.title.input.value = "Onboarding"
        page.create.click()
    assert load_workshop(root / "onboarding").title == "Onboarding"
    assert load_workshop(root / "onboarding-2").title == "Onboarding"
    assert page.choice.value == "onboarding-2"
    labels = dict((value, label) for label, value in page.choice.options)
    assert (labels["onboarding"], labels["onboarding-2"]) == ("Onboarding", "Onboarding (2)")


def test_a_custom_workshop_starts_without_stages_and_the_form_works(tmp_path: Path) -> None:
    page = start_here(tmp_path / "none-yet")
    assert "no workshops" in page.open_message.value
    page.title.input.value = "Blank"
    page.framework.input.value = "custom"
    page.create.click()
    form = page.form
    assert form.session.workshop.stages == []
    assert form.use_framework.description == "Use these stages"
    assert "—" in form.summary.value and form.chart.value  # an empty chart is still drawn
    form.stages.new_name.value = "Arrival"
    assert [s.name for s in load_workshop(tmp_path / "none-yet" / "blank").stages] == \
        ["Arrival"]


# -- the workshop's own fields --------------------------------------------------------------

def test_each_field_is_saved_when_changed(root: Path, session: Session) -> None:
    form = setup(session)
    values = {"organisation": "Aldermoor Building Society", "scope": "From search to keys",
              "goal": "Fewer drop-offs", "scenario": "A couple buys their first flat",
              "date": dt.date(2026, 12, 3), "facilitator": "Līga Ozola", "state": "future"}
    for name, value in values.items():
        form.fields[name].input.value = value
        assert form.fields[name].message.text.startswith("✓ Saved")
    workshop = saved(root)
    for name, value in values.items():
        assert getattr(workshop, name) == value
    assert "Aldermoor Building Society" in form.summary.value
    assert "3 December 2026" in form.summary.value


def test_an_empty_title_is_refused_and_explained_beside_the_field(root: Path,
                                                                   session: Session) -> None:
    form = setup(session)
    form.fields["title"].input.value = ""
    assert "must not be empty" in form.fields["title"].message.value
    assert session.status.text == ""  # said once, beside the field
    assert saved(root).title == "First-home mortgage journey"
    form.fields["title"].input.value = "Mortgage journey, version 2"
    assert form.fields["title"].message.text.startswith("✓ Saved")
    assert saved(root).title == "Mortgage journey, version 2"
    assert "Mortgage journey, version 2" in form.heading.value


def test_an_invisible_control_character_is_refused_with_its_position(root: Path,
                                                                     session: Session) -> None:
    form = setup(session)
    form.fields["organisation"].input.value = "Bank\x07 Ltd"
    assert "U+0007" in form.fields["organisation"].message.value
    assert saved(root).organisation == "Aldermoor Bank"


def test_a_change_saved_by_another_tab_is_kept_and_shown(root: Path, session: Session) -> None:
    form = setup(session)
    other = WorkshopFile.open(root / "mortgage-journey")
    other.save(edit.set_fields(other.workshop, organisation="Saved elsewhere"))
    form.fields["facilitator"].input.value = "Ruth"
    workshop = saved(root)
    assert (workshop.organisation, workshop.facilitator) == ("Saved elsewhere", "Ruth")
    assert form.fields["organisation"].input.value == "Saved elsewhere"


def test_changing_the_language_draws_the_form_again_in_that_language(
        root: Path, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    latvian = {"Organisation": "Organizācija", "Participants": "Dalībnieki",
               "Set up: {title}": "Iestatīšana: {title}"}
    real = i18n._catalogue
    monkeypatch.setattr(i18n, "_catalogue",
                        lambda code: latvian if code == "lv" else real(code))
    form = setup(session)
    old_row = form.fields["organisation"]
    form.fields["language"].input.value = "lv"
    assert saved(root).language == "lv" and current_language() == "lv"
    assert form.fields["organisation"] is not old_row
    assert "Organizācija" in form.fields["organisation"].label.value
    assert "Dalībnieki" in form.participants.children[0].value
    assert "Iestatīšana: First-home mortgage journey" in form.heading.value
    assert form.fields["language"].input.value == "lv"
    # the form drawn before is gone: its list editors no longer follow the session
    form.participants.new_name.value = "Anna"
    assert [p.name for p in saved(root).participants][-1] == "Anna"
    assert form.participants.selected().name == "Anna"


# -- stages --------------------------------------------------------------------------------

def test_stages_are_added_renamed_described_and_reordered(root: Path,
                                                          session: Session) -> None:
    form = setup(session)
    editor = form.stages
    editor.new_name.value = "Moving in"
    assert saved(root).stages[-1].name == "Moving in"
    name, description = editor.rows
    name.input.value = "Moving in & settling"
    description.input.value = "Keys, insurance, first payment."
    editor.up.click()
    stages = saved(root).stages
    assert [s.name for s in stages[-2:]] == ["Moving in & settling",
                                             "Loyalty (rate switch & advocacy)"]
    assert stages[-2].description == "Keys, insurance, first payment."
    assert "Moving in &amp; settling" in form.summary.value


def test_an_empty_stage_name_is_refused_beside_the_field(root: Path, session: Session) -> None:
    form = setup(session)
    form.stages.choice.value = "offer"
    form.stages.rows[0].input.value = "  "
    assert "must not be empty" in form.stages.rows[0].message.value
    assert saved(root).stages[1].name == "Offer"


def test_deleting_a_used_stage_asks_first_says_what_depends_on_it_and_can_be_undone(
        root: Path, session: Session) -> None:
    form = setup(session)
    editor = form.stages
    editor.choice.value = "offer"
    before = saved(root)
    editor.delete.click()
    assert "is used by" in editor.message.value and "touchpoint" in editor.message.value
    assert saved(root) == before
    editor.delete.click()
    after = saved(root)
    assert "offer" not in [s.id for s in after.stages]
    assert all("offer" not in t.stages for t in after.touchpoints)
    editor.undo.click()
    assert saved(root) == before


def test_a_framework_adds_only_the_missing_stages_and_keeps_the_rooms_work(
        root: Path, session: Session) -> None:
    form = setup(session)
    before = saved(root).stages
    assert form.use_framework.description == "Add the missing stages"
    form.framework.value = "six-phases"
    form.use_framework.click()
    after = saved(root)
    assert after.stages[:len(before)] == before  # renamed stages kept, none deleted
    assert [s.id for s in after.stages[len(before):]] == ["awareness", "interest",
                                                          "decision", "purchase"]
    assert after.framework == "five-stages-research"  # the mix is not one framework
    assert "Interest &amp; research" in form.framework_message.value
    form.use_framework.click()
    assert saved(root).stages == after.stages
    assert "already has every stage" in form.framework_message.value


def test_a_framework_gives_an_empty_workshop_its_stages(tmp_path: Path) -> None:
    created = WorkshopFile.create(tmp_path / "empty",
                                  edit.new_workshop("Empty", "en", "custom"))
    form = setup(Session(created))
    form.framework.value = "five-stages-service"
    form.use_framework.click()
    workshop = load_workshop(tmp_path / "empty")
    assert [s.name for s in workshop.stages] == ["Awareness", "Consideration",
                                                 "Purchase decision", "Customer service",
                                                 "Loyalty"]
    assert workshop.framework == "five-stages-service"
    assert form.use_framework.description == "Add the missing stages"


def test_stages_from_a_framework_match_by_id_or_by_name() -> None:
    workshop = edit.new_workshop("W", "en", "custom")
    workshop = edit.add(workshop, "stage", {"id": "first", "name": "awareness"})
    workshop = edit.add(workshop, "stage", {"id": "loyalty", "name": "Fans"})
    changed, added = stages_from_framework(workshop, "five-stages-service")
    assert added == ["Consideration", "Purchase decision", "Customer service"]
    assert [s.name for s in changed.stages] == ["awareness", "Fans", *added]


# -- participants, chart, agenda ------------------------------------------------------------

def test_participants_are_added_with_enter_and_given_a_department(root: Path,
                                                                  session: Session) -> None:
    form = setup(session)
    chart_before = form.chart.value
    editor = form.participants
    editor.new_name.value = "Jānis Bērziņš"
    editor.rows[1].input.value = "Risk & Compliance"
    people = saved(root).participants
    assert (people[-1].name, people[-1].department) == ("Jānis Bērziņš", "Risk & Compliance")
    assert people[-1].id == "janis-berzins"
    assert form.chart.value != chart_before
    assert "Risk &amp; Compliance" in form.summary.value
    assert "Risk &amp; Compliance: 1" in form.chart_alt.value
    assert f"<td>{len(people)}</td>" in form.summary.value


def test_a_participant_with_the_same_name_gets_an_id_of_their_own(root: Path,
                                                                  session: Session) -> None:
    form = setup(session)
    form.participants.new_name.value = "Tom Reilly"
    people = saved(root).participants
    assert [p.id for p in people if p.name == "Tom Reilly"] == ["tom-reilly", "tom-reilly-2"]


def test_the_chart_is_not_drawn_again_when_departments_do_not_change(
        root: Path, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    module = importlib.import_module("journeylab.forms.setup")
    drawn = []
    real = module.participants_by_department
    monkeypatch.setattr(module, "participants_by_department",
                        lambda counts: drawn.append(counts) or real(counts))
    form = setup(session)
    form.fields["goal"].input.value = "Decide the three fixes for next quarter"
    form.participants.choice.value = "tom-reilly"
    form.participants.rows[0].input.value = "Thomas Reilly"
    assert len(drawn) == 1
    form.participants.rows[1].input.value = "Underwriting"
    assert len(drawn) == 2 and ("Underwriting", 2) in drawn[-1]


def test_the_agenda_shows_both_lengths_and_minutes_per_stage(session: Session) -> None:
    form = setup(session)
    assert form.agenda.titles == ("2 hours", "Half a day (4 hours)")
    for page, agenda in zip(form.agenda.children, AGENDAS.values(), strict=True):
        assert page.value.count("<tr>") == len(agenda.boxes) + 1
        assert f"<td>{agenda.rows()[-1][0]}</td>" in page.value
    two_hours, half_day = (page.value for page in form.agenda.children)
    assert "With 5 stages, stage mapping leaves about 6 minutes per stage." in two_hours
    assert "about 10 minutes per stage" in half_day  # 50 minutes of mapping / 5
    form.stages.new_name.value = "Moving in"
    assert "With 6 stages, stage mapping leaves about 5 minutes" in form.agenda.children[0].value


def test_agendas_fill_two_hours_and_half_a_day_without_gaps() -> None:
    assert AGENDAS["two-hours"].minutes == 120
    assert AGENDAS["half-day"].minutes == 240
    for agenda in AGENDAS.values():
        for box, following in zip(agenda.boxes, agenda.boxes[1:], strict=False):
            assert following.start == box.end and box.minutes > 0
        assert agenda.boxes[0].step.id == "setup" and agenda.boxes[-1].step.id == "handout"
        notebooks = [box.step.notebook for box in agenda.boxes if box.step.notebook]
        assert notebooks == sorted(notebooks)  # the notebooks' order is the workshop's
        worked = {box.step.id for box in agenda.boxes}
        assert worked >= set(STEPS) - {"break"}
    assert AGENDAS["half-day"].rows()[3] == ("1:15–1:30", "Break", "—",
                                             "Leave the screen; fresh eyes find more")


def test_agenda_notebooks_exist_or_are_the_planned_guided_notebooks() -> None:
    planned = {"00_start_here", "01_touchpoints", "02_personas", "03_stage_mapping",
               "04_emotion_scoring", "05_evidence", "06_insights_actions", "07_handout"}
    assert {step.notebook for step in STEPS.values() if step.notebook} == planned
