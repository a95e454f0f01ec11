"""Two screens on one workshop in the facilitator's app, each page with a kernel of its own:
what one adds, the other shows by itself within a couple of seconds, and says where from."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journeylab import preferences
from journeylab.forms.session import remember_workshop

from .app_server import app_server, copy_project
from .helpers import go_to_step, journey, poll, type_new_item

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCOPE = ".journeylab-touchpoints"
NEW = "Welcome desk at the branch"


def _open_touchpoints(browser, url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector(".journeylab-stepbar", timeout=120_000)
    go_to_step(page, 2, f"{SCOPE} .journeylab-new-item input")
    return context, page


def test_a_touchpoint_added_on_one_screen_appears_on_the_other(
        browser, tmp_path: Path, monkeypatch) -> None:
    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("JOURNEYLAB_CONFIG_DIR", str(tmp_path / "config"))
    preferences.save(language="en")  # a facilitator who has used the app before
    folder = root / "workshops" / "mortgage-journey"
    remember_workshop(folder)
    with app_server(root) as server:
        url = f"http://127.0.0.1:{server.port}/journeylab/?token={server.token}"
        first, page_a = _open_touchpoints(browser, url)
        second, page_b = _open_touchpoints(browser, url)
        try:
            type_new_item(page_a, SCOPE, NEW)
            assert poll(lambda: journey(folder), lambda d: any(
                t["name"] == NEW for t in d["touchpoints"]), seconds=30)
            saved = time.monotonic()
            page_b.locator(f"{SCOPE} .journeylab-items option", has_text=NEW).wait_for(
                state="attached", timeout=10_000)
            took = time.monotonic() - saved
            status = page_b.locator(f"{SCOPE} .journeylab-status",
                                    has_text="Changed on another screen").first
            status.wait_for(timeout=5_000)  # said a moment after the list shows it
            assert "touchpoints: 1 added" in status.inner_text()
            assert took < 3, f"the other screen showed it after {took:.1f} s"
        finally:
            for context, page, name in ((first, page_a, "a"), (second, page_b, "b")):
                page.screenshot(path=str(tmp_path / f"screen-{name}.png"), full_page=True)
                context.close()
