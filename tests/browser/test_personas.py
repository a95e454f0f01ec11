"""``02_personas`` in a real JupyterLab and a real browser, as the facilitator meets it."""

from __future__ import annotations

import pytest

from journeylab.model import make_id

from .conftest import ARTIFACTS
from .helpers import journey, poll

pytestmark = pytest.mark.browser

STORY = "Priya is 41 and remortgages every five years.\nShe compares rates on her phone."


def named(data: dict, name: str) -> dict | None:
    return next((p for p in data["personas"] if p["name"] == name), None)


def test_facilitator_adds_a_persona_and_ticks_a_channel(lab, page) -> None:
    folder = lab.use_workshop("browser-personas", source="mortgage-journey")
    lab.run_notebook(page, "notebooks/02_personas.ipynb")
    form = page.locator(".journeylab-personas")
    new_name = form.locator(".widget-text input[placeholder^='New']")
    new_name.wait_for(timeout=60_000)
    form.get_by_text("GDPR").wait_for(timeout=10_000)

    # a persona: type the name and press Enter
    new_name.fill("Priya, the remortgaging parent")
    new_name.press("Enter")
    data = poll(lambda: journey(folder), lambda d: named(d, "Priya, the remortgaging parent"))
    assert named(data, "Priya, the remortgaging parent") is not None
    persona_id = named(data, "Priya, the remortgaging parent")["id"]
    assert persona_id == make_id("Priya, the remortgaging parent")

    # the story: typed, then Tab to leave the field
    page.wait_for_function(
        "() => { const s = document.querySelector('.journeylab-field-story textarea');"
        " return s && !s.disabled && s.value === ''; }", timeout=10_000)
    story = form.locator(".journeylab-field-story textarea")
    story.fill(STORY)
    story.press("Tab")
    data = poll(lambda: journey(folder),
                lambda d: named(d, "Priya, the remortgaging parent")["story"] == STORY)
    assert named(data, "Priya, the remortgaging parent")["story"] == STORY

    # a nested field, on the first tab of the profile
    age = form.locator(".journeylab-field-demographics-age input")
    age.fill("35–44")
    age.press("Tab")
    data = poll(lambda: journey(folder),
                lambda d: named(d, "Priya, the remortgaging parent")["demographics"]["age"])
    assert named(data, "Priya, the remortgaging parent")["demographics"]["age"] == "35–44"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "personas_profile.png"))

    # a channel ticked in the grid
    tick = form.locator(f".journeylab-uses-{persona_id}--chat input")
    tick.scroll_into_view_if_needed()
    tick.check()
    data = poll(lambda: journey(folder),
                lambda d: "chat" in named(d, "Priya, the remortgaging parent")["channels"])
    assert named(data, "Priya, the remortgaging parent")["channels"] == ["chat"]
    form.locator(".journeylab-status", has_text="Saved").wait_for(timeout=10_000)
    assert tick.is_checked()

    page.screenshot(path=str(ARTIFACTS / "personas_grid.png"))
    form.locator(".journeylab-field-name").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "personas_form.png"))
    chart = form.locator("img")
    assert chart.count() == 1
    chart.scroll_into_view_if_needed()
