"""What the forms' messages say, and for how long.

A message speaks of one moment: when the thing it speaks of changes, it goes. "Created: …"
after another workshop was opened, "Deleted 'x'" after choosing another item, "Type the name
first" after a name was typed: each would tell the room something no longer true. And a
message names things as the room does, by their titles, never by a folder or file name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeylab.forms.emotions import emotion_scoring
from journeylab.forms.parts import missing_parts
from journeylab.agenda import AGENDAS
from journeylab.edit import new_workshop
from journeylab.errors import JourneyLabError
from journeylab.forms.session import Session, find_workshop
from journeylab.forms.setup import setup
from journeylab.forms.start import start_here
from journeylab.forms.touchpoints import touchpoints

from .conftest import ROOT, plain


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "workshops"
    shutil.copytree(ROOT / "workshops", target)
    return target


def test_created_goes_when_another_workshop_is_opened(root: Path) -> None:
    page = start_here(root)
    page.title.input.value = "Онлайн магазин за обувки"
    page.language.input.value = "bg"
    page.create.click()
    created = plain(page.create_message.value)
    assert "Онлайн магазин за обувки" in created
    assert "onlayn" not in created and "onlayn" not in plain(page.open_message.value)
    page.choice.value = "mortgage-journey"
    assert page.create_message.value == ""
    assert "First-home mortgage journey" in plain(page.open_message.value)


def test_created_goes_once_a_new_title_is_typed(root: Path) -> None:
    page = start_here(root)
    page.title.input.value = "Onboarding"
    page.create.click()
    assert page.create_message.value
    page.title.input.value = "Onboarding, take two"
    assert page.create_message.value == ""


def test_the_menu_names_workshops_by_title_only(root: Path) -> None:
    page = start_here(root)
    labels = [label for label, _value in page.choice.options]
    assert labels and all("(" not in label for label in labels)
    assert "mortgage-journey" not in " ".join(labels)


def test_the_own_channel_message_goes_when_another_name_is_typed(root: Path) -> None:
    form = touchpoints(Session.open(root / "mortgage-journey"))
    own = form.own_channels
    own.add.click()
    assert "name" in plain(own.message.value)
    own.name.value = "Home visit"
    assert own.message.value == ""


def test_added_participant_message_goes_when_scoring_moves_on(root: Path) -> None:
    form = emotion_scoring(Session.open(root / "mortgage-journey"))
    form.new_participant.value = "Zoya"
    assert "Zoya" in plain(form.participant_message.value)
    form.go_to_next_participant()
    assert "Zoya" not in plain(form.participant_message.value)


def test_deleted_goes_when_another_item_is_chosen(root: Path) -> None:
    form = touchpoints(Session.open(root / "mortgage-journey"))
    form.editor.new_name.value = "Mortgage podcast"
    assert "Added 'Mortgage podcast'" in plain(form.editor.message.value)  # shown, selected
    form.editor.delete.click()
    assert "Deleted" in plain(form.editor.message.value)
    form.editor.choice.value = form.editor.choice.options[1][1]
    assert form.editor.message.value == ""


def test_a_delete_question_goes_and_delete_asks_again_for_another_item(root: Path) -> None:
    session = Session.open(root / "mortgage-journey")
    form = touchpoints(session)
    scored = [s.touchpoint for s in session.workshop.emotions if s.touchpoint]
    form.editor.choice.value = scored[0]
    form.editor.delete.click()
    assert "Confirm delete" in plain(form.editor.message.value)
    other = next(t.id for t in session.workshop.touchpoints if t.id in scored[1:]
                 and t.id != scored[0])
    form.editor.choice.value = other
    assert form.editor.message.value == "" and form.editor.delete.description == "Delete"
    form.editor.delete.click()  # asks again, about this one: nothing is deleted yet
    assert other in {t.id for t in session.workshop.touchpoints}


def test_stages_added_goes_when_another_framework_is_chosen(root: Path) -> None:
    form = setup(Session.open(root / "mortgage-journey"))
    form.use_framework.click()
    assert plain(form.framework_message.value)
    other = next(v for _label, v in form.framework.options if v != form.framework.value)
    form.framework.value = other
    assert form.framework_message.value == ""


def test_the_open_workshop_is_named_by_its_title_not_its_folder(root: Path) -> None:
    shown = Session.open(root / "mortgage-journey")._repr_html_()
    assert "First-home mortgage journey" in shown and "mortgage-journey" not in shown


def test_no_workshop_yet_names_the_first_step_not_its_file(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    with pytest.raises(JourneyLabError) as raised:
        find_workshop(tmp_path / "none")
    assert "Start here: set up the workshop" in str(raised.value)
    assert "00_start_here" not in str(raised.value)


def test_the_agenda_names_steps_not_notebook_files(root: Path) -> None:
    form = setup(Session.open(root / "mortgage-journey"))
    for page, agenda in zip(form.agenda.children, AGENDAS.values(), strict=True):
        shown = plain(page.value)
        assert all(name in shown for _time, name, _notebook, _does in agenda.rows())
        assert "01_touchpoints" not in shown and "Notebook" not in shown


def test_what_is_missing_names_the_step_to_go_to() -> None:
    missing = " ".join(missing_parts(new_workshop("Empty", "en", "custom")))
    assert "“Start here: set up the workshop”" in missing and "“Step 3: personas”" in missing
    assert "00_start_here" not in missing and "02_personas" not in missing
