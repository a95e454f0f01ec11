"""The facilitator's app without a browser: language first, then the steps, one workshop."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from journeylab import forms, preferences
from journeylab.app import FacilitatorApp, facilitator_app
from journeylab.app.notebook import APP_NOTEBOOK, build
from journeylab.app.steps import APP_STEPS
from journeylab.app.welcome import LanguageChoice
from journeylab.guide import STEPS
from journeylab.i18n import current_language

ROOT = Path(__file__).parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A folder of workshops of the test's own: both demos, none remembered."""
    target = tmp_path / "workshops"
    for demo in ("mortgage-journey", "elektronika-online"):
        shutil.copytree(ROOT / "workshops" / demo, target / demo)
    return target


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch) -> Path:
    """A person who has never opened JourneyLab: no preferences yet."""
    folder = tmp_path / "config"
    monkeypatch.setenv(preferences.CONFIG_ENV, str(folder))
    monkeypatch.delenv("JOURNEYLAB_WORKSHOP", raising=False)
    return folder


def _open(app: FacilitatorApp, folder_name: str) -> None:
    app.start.choice.value = folder_name


def test_first_visit_asks_for_the_language_in_every_language(root, fresh) -> None:
    page = facilitator_app(str(root))
    choice = page.children[0]
    assert isinstance(choice, LanguageChoice)
    assert [b.description for b in choice.buttons.values()] == [
        "English", "Български", "Русский", "Latviešu", "Македонски"]
    choice.buttons["lv"].click()
    app = page.children[0]
    assert isinstance(app, FacilitatorApp)
    assert current_language() == "lv"
    assert json.loads((fresh / preferences.FILE_NAME).read_text())["language"] == "lv"
    assert "Darbnīcas sagatavošana" in app.where.value


def test_a_second_visit_opens_in_the_language_last_used(root, fresh) -> None:
    preferences.save(language="bg")
    page = facilitator_app(str(root))
    app = page.children[0]
    assert isinstance(app, FacilitatorApp)
    assert current_language() == "bg"
    assert app.step_buttons[1].description == "2 · Опис на точките на контакт"


def test_the_step_bar_names_every_step_and_says_where_the_room_is(root, fresh) -> None:
    preferences.save(language="en")
    app = facilitator_app(str(root)).children[0]
    assert len(app.step_buttons) == len(STEPS) == 8
    assert [b.description for b in app.step_buttons][:3] == [
        "1 · Set up the workshop", "2 · Touchpoint inventory", "3 · Personas"]
    assert "Step 1 of 8" in app.where.value
    assert app.back.disabled and not app.next.disabled
    assert app.step_buttons[0].button_style == "primary"


def test_later_steps_wait_for_a_workshop(root, fresh) -> None:
    preferences.save(language="en")
    app = facilitator_app(str(root)).children[0]
    app.next.click()
    assert app.current == 0
    assert "Open or create a workshop first" in app.message.value


def test_every_step_shows_its_form_on_the_open_workshop(root, fresh) -> None:
    preferences.save(language="en")
    app = facilitator_app(str(root)).children[0]
    _open(app, "mortgage-journey")
    shown = []
    for _step in APP_STEPS[1:]:
        app.next.click()
        page = app.content.children[0]
        form = page.children[-1]
        assert not isinstance(form, widgets.HTML) or "⚠" not in form.value
        shown.append(type(form).__name__)
        assert app.step_buttons[app.current].button_style == "primary"
    assert app.current == 7 and app.next.disabled
    assert "Step 8 of 8" in app.where.value
    assert shown[0] == "TouchpointsForm" and len(set(shown)) == 7
    assert app.message.value == ""


def test_going_back_finds_the_same_form_and_what_was_typed(root, fresh) -> None:
    preferences.save(language="en")
    app = facilitator_app(str(root)).children[0]
    _open(app, "mortgage-journey")
    app.step_buttons[2].click()  # personas
    personas = app.content.children[0]
    app.back.click()
    app.next.click()
    assert app.content.children[0] is personas


def test_opening_another_workshop_rebuilds_the_steps_for_it(root, fresh) -> None:
    preferences.save(language="en")
    app = facilitator_app(str(root)).children[0]
    _open(app, "mortgage-journey")
    app.step_buttons[1].click()
    english = app.content.children[0]
    app.step_buttons[0].click()
    _open(app, "elektronika-online")
    app.step_buttons[1].click()
    assert app.content.children[0] is not english
    assert app.session.workshop.language == "bg"
    assert preferences.load()["language"] == "bg"  # the language last used
    assert app.step_buttons[1].description == "2 · Опис на точките на контакт"


def test_every_step_names_a_form_the_package_has() -> None:
    for step in APP_STEPS:
        assert callable(getattr(forms, step.form_name))


def test_guidance_is_the_steps_own_without_notebook_names() -> None:
    for step in APP_STEPS:
        text = step.purpose_html() + step.guidance_html()
        assert "<li>" in text and ".ipynb" not in text
        assert not any(s.slug in text for s in STEPS)


def test_committed_app_notebook_is_what_the_builder_makes() -> None:
    assert nbformat.read(APP_NOTEBOOK, as_version=4) == build(), \
        "run `make notebooks` and commit the result"
