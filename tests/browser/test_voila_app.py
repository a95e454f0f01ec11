"""The guided notebooks as apps (``make app``): forms without code, saving to disk."""

from __future__ import annotations

import time

import pytest

from journeylab.store import load_workshop

pytestmark = pytest.mark.browser


def test_touchpoint_form_runs_as_an_app_and_saves(voila, page) -> None:
    folder = voila.use_workshop("voila-app")
    page.goto(f"http://127.0.0.1:{voila.port}/voila/render/01_touchpoints.ipynb",
              timeout=60_000)
    page.wait_for_selector(".widget-text input", timeout=60_000)
    assert page.locator(".jp-InputArea-editor").count() == 0  # no code in an app
    assert page.get_by_text("Step 2: touchpoint inventory").count() == 1
    box = page.get_by_placeholder("New: type a name and press Enter").first
    box.fill("Kiosk in the branch")
    box.press("Enter")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if any(t.name == "Kiosk in the branch" for t in load_workshop(folder).touchpoints):
            break
        time.sleep(0.2)
    assert any(t.name == "Kiosk in the branch" for t in load_workshop(folder).touchpoints)
