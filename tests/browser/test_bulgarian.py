"""The Bulgarian notebooks in a real JupyterLab and a real browser: a Bulgarian facilitator
fills a form in Bulgarian, and what is typed is saved and shown exactly."""

from __future__ import annotations

import pytest

from journeylab.i18n import _, language

from .conftest import ARTIFACTS
from .helpers import journey, persona_named, poll, wait_for_an_empty_story

pytestmark = pytest.mark.browser

NAME = "Цветелина, която търси „отстъпки“"
STORY = "Работи в Пловдив; купува вечер от телефона.\nЧете отзиви — и сравнява цени."
AGE = "45–54"


def test_a_persona_is_filled_in_bulgarian_and_saved_as_typed(lab, page) -> None:
    folder = lab.use_workshop("browser-bulgarian", source="elektronika-online")
    lab.run_notebook(page, "notebooks/bg/02_personas.ipynb")
    with language("bg"):
        new_name = _("New: type a name and press Enter")
        saved = _("Saved {time}", time="").strip()
        heading = _("Personas")
    page.locator("h1", has_text=heading).first.wait_for(timeout=60_000)  # the guidance
    form = page.locator(".journeylab-personas")
    box = form.locator(f".widget-text input[placeholder='{new_name}']")
    box.wait_for(timeout=60_000)

    box.fill(NAME)
    box.press("Enter")
    data = poll(lambda: journey(folder), lambda d: persona_named(d, NAME))
    assert persona_named(data, NAME) is not None

    wait_for_an_empty_story(page)
    story = form.locator(".journeylab-field-story textarea")
    story.fill(STORY)
    story.press("Tab")
    age = form.locator(".journeylab-field-demographics-age input")
    age.fill(AGE)
    age.press("Tab")
    data = poll(lambda: journey(folder),
                lambda d: persona_named(d, NAME)["demographics"]["age"] == AGE)
    assert persona_named(data, NAME)["story"] == STORY
    assert persona_named(data, NAME)["demographics"]["age"] == AGE
    form.locator(".journeylab-save-mark", has_text=saved).wait_for(timeout=10_000)

    # what the form shows is what was typed
    assert story.input_value() == STORY
    assert form.locator(".journeylab-field-name input").input_value() == NAME
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bulgarian_persona.png"), full_page=True)
