"""``02_personas`` in a real JupyterLab and a real browser, as the facilitator meets it."""

from __future__ import annotations

import pytest

from journeylab.model import make_id

from .conftest import ARTIFACTS
from .helpers import journey, persona_named, poll, wait_for_an_empty_story

pytestmark = pytest.mark.browser

PRIYA = "Priya, the remortgaging parent"
STORY = "Priya is 41 and remortgages every five years.\nShe compares rates on her phone."


def test_facilitator_adds_a_persona_and_ticks_a_channel(lab, page) -> None:
    folder = lab.use_workshop("browser-personas", source="mortgage-journey")
    lab.run_notebook(page, "notebooks/02_personas.ipynb")
    form = page.locator(".journeylab-personas")
    new_name = form.locator(".widget-text input[placeholder^='New']")
    new_name.wait_for(timeout=60_000)
    form.get_by_text("GDPR").wait_for(timeout=10_000)

    # a persona: type the name and press Enter
    new_name.fill(PRIYA)
    new_name.press("Enter")
    data = poll(lambda: journey(folder), lambda d: persona_named(d, PRIYA))
    assert persona_named(data, PRIYA) is not None
    persona_id = persona_named(data, PRIYA)["id"]
    assert persona_id == make_id(PRIYA)

    # the story: typed, then Tab to leave the field
    wait_for_an_empty_story(page)
    story = form.locator(".journeylab-field-story textarea")
    story.fill(STORY)
    story.press("Tab")
    data = poll(lambda: journey(folder),
                lambda d: persona_named(d, PRIYA)["story"] == STORY)
    assert persona_named(data, PRIYA)["story"] == STORY

    # a nested field, on the first tab of the profile
    age = form.locator(".journeylab-field-demographics-age input")
    age.fill("35–44")
    age.press("Tab")
    data = poll(lambda: journey(folder),
                lambda d: persona_named(d, PRIYA)["demographics"]["age"])
    assert persona_named(data, PRIYA)["demographics"]["age"] == "35–44"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "personas_profile.png"))

    # a channel ticked in the grid
    tick = form.locator(f".journeylab-uses-{persona_id}--chat input")
    tick.scroll_into_view_if_needed()
    tick.check()
    data = poll(lambda: journey(folder),
                lambda d: "chat" in persona_named(d, PRIYA)["channels"])
    assert persona_named(data, PRIYA)["channels"] == ["chat"]
    form.locator(".journeylab-save-mark", has_text="Saved").wait_for(timeout=10_000)
    assert tick.is_checked()

    page.screenshot(path=str(ARTIFACTS / "personas_grid.png"))
    form.locator(".journeylab-field-name").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "personas_form.png"))
    chart = form.locator("img")
    assert chart.count() == 1
    chart.scroll_into_view_if_needed()
