"""A message speaks of one moment: when the thing it speaks of changes, it goes.

"Created: …" after another workshop was opened, "Deleted 'x'" after choosing another item,
"Type the name first" after a name was typed: each would tell the room something no longer
true.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeylab.forms.emotions import emotion_scoring
from journeylab.forms.session import Session
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
