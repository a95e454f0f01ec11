"""``01_touchpoints`` in a real JupyterLab and a real browser, as the facilitator meets it."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS
from .helpers import journey, poll

pytestmark = pytest.mark.browser


def named(data: dict, name: str) -> dict | None:
    return next((t for t in data["touchpoints"] if t["name"] == name), None)


def test_facilitator_types_and_pastes_touchpoints(lab, page) -> None:
    folder = lab.use_workshop("browser-touchpoints", source="mortgage-journey")
    before = len(journey(folder)["touchpoints"])
    lab.run_notebook(page, "notebooks/01_touchpoints.ipynb")
    form = page.locator(".journeylab-touchpoints")
    new_name = form.locator(".widget-text input[placeholder^='New']")
    new_name.wait_for(timeout=60_000)

    # one touchpoint: type its name and press Enter
    new_name.fill("Mortgage podcast")
    new_name.press("Enter")
    data = poll(lambda: journey(folder), lambda d: named(d, "Mortgage podcast"))
    assert named(data, "Mortgage podcast") is not None, "Enter did not add the touchpoint"
    page.wait_for_function(
        "() => document.querySelector('.journeylab-field-name input').value"
        " === 'Mortgage podcast'", timeout=10_000)

    # its channel, then two stages
    form.locator(".journeylab-field-channel select").select_option(label="Events")
    data = poll(lambda: journey(folder),
                lambda d: named(d, "Mortgage podcast")["channel"] == "events")
    point = named(data, "Mortgage podcast")
    assert (point["channel"], point["online"]) == ("events", False)
    # the tick follows the channel on the screen too (it arrives just after the save)
    page.wait_for_function(
        "() => !document.querySelector('.journeylab-touchpoints .journeylab-field-online "
        "input').checked", timeout=10_000)
    stages = form.locator(".journeylab-field-stages")
    stages.get_by_label("Research").check()
    stages.get_by_label("Offer").check()
    data = poll(lambda: journey(folder),
                lambda d: len(named(d, "Mortgage podcast")["stages"]) == 2)
    assert sorted(named(data, "Mortgage podcast")["stages"]) == ["offer", "research"]

    # three at once, pasted one per line, with the owner and the stage they share
    form.locator(".journeylab-paste textarea").fill("Welcome desk\nQueue ticket\n\nBrochure rack")
    form.locator(".journeylab-paste-owner input").fill("Branch network")
    form.locator(".journeylab-paste-stages").get_by_label("Offer").check()
    form.locator("button.jupyter-button:has-text('Add all')").click()
    data = poll(lambda: journey(folder), lambda d: len(d["touchpoints"]) == before + 4)
    pasted = data["touchpoints"][-3:]
    assert [t["name"] for t in pasted] == ["Welcome desk", "Queue ticket", "Brochure rack"]
    assert all((t["owner"], t["stages"]) == ("Branch network", ["offer"]) for t in pasted)
    form.get_by_text("Added: 3.").wait_for(timeout=10_000)

    # a channel of the workshop's own, chosen offline before it is added
    own = form.locator(".journeylab-own-channels")
    own.locator(".journeylab-online-choice").first.locator("button",
                                                            has_text="offline").click()
    own.locator(".journeylab-new-channel input").fill("Doorstep flyer")
    own.locator(".journeylab-new-channel input").press("Enter")
    data = poll(lambda: journey(folder),
                lambda d: any(c["name"] == "Doorstep flyer" for c in d["channels"]))
    flyer = next(c for c in data["channels"] if c["name"] == "Doorstep flyer")
    assert flyer["online"] is False, "the channel was saved before offline was chosen"
    own.get_by_text("Added 'Doorstep flyer'").wait_for(timeout=10_000)
    assert own.get_by_text("Type the channel's name first.").count() == 0

    # two of the pasted touchpoints put in one more stage at once, by tick boxes
    placer = form.locator(".journeylab-place")
    placer.locator(".journeylab-place-touchpoints").get_by_label(
        "Welcome desk · Website").check()
    placer.locator(".journeylab-place-touchpoints").get_by_label(
        "Brochure rack · Website").check()
    placer.locator(".journeylab-place-stages").get_by_label("Research").check()
    placer.locator("button", has_text="Put in these stages").click()
    data = poll(lambda: journey(folder),
                lambda d: named(d, "Brochure rack")["stages"] == ["research", "offer"])
    assert named(data, "Welcome desk")["stages"] == ["research", "offer"]
    assert named(data, "Queue ticket")["stages"] == ["offer"]
    ARTIFACTS.mkdir(exist_ok=True)
    placer.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "touchpoints_bulk.png"))
    form.locator(".journeylab-status", has_text="Saved").wait_for(timeout=10_000)
    form.locator("td", has_text="Brochure rack").wait_for(timeout=10_000)
    # the form as the room saw it, then the overview the last screenshot shows
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "touchpoints_form.png"))
    chart = form.locator("img")
    assert chart.count() == 1
    chart.scroll_into_view_if_needed()
