"""The facilitator's app as a new facilitator meets it: started as the README's first command
starts it, opened from nothing, and a whole workshop run through it, in Bulgarian and Latvian.

No run command, no menu, no code: the test only clicks and types what is on the page, and
then reads ``journey.json`` on disk.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .app_server import copy_project
from .conftest import ARTIFACTS, ROOT, _free_port
from .helpers import go_to_step as _step
from .helpers import journey, poll
from .helpers import type_new_item as _type_new

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass
class Started:
    """The product started with ``make start`` over a project folder of the test's own."""

    root: Path
    url: str
    process: subprocess.Popen


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Started]:
    """``make start`` exactly as the README says, on a free port, with no browser of its own,
    for a person who has never used JourneyLab (no preferences, no workshop remembered)."""
    root = copy_project(tmp_path / "project")
    port, token = _free_port(), uuid.uuid4().hex
    environment = {**os.environ, "JUPYTER_TOKEN": token,
                   "JOURNEYLAB_CONFIG_DIR": str(tmp_path / "config")}
    log = (tmp_path / "start.log").open("wb")
    process = subprocess.Popen(
        ["make", "-s", "-C", str(ROOT), "start",
         f"START_ARGS=--no-browser --port {port} --root {root}"],
        stdout=log, stderr=subprocess.STDOUT, env=environment, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, \
                    (tmp_path / "start.log").read_text(errors="replace")[-3000:]
                time.sleep(0.3)
        printed = (tmp_path / "start.log").read_text(errors="replace")
        assert f"http://127.0.0.1:{port}/journeylab/?token={token}" in printed
        yield Started(root, f"http://127.0.0.1:{port}/journeylab/?token={token}", process)
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def room(browser, request):
    """A projector-sized page that records every request leaving this machine."""
    context = browser.new_context(viewport={"width": 1440, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


WORKSHOPS = {
    "bg": {"button": "Български", "title": "Онлайн магазин за обувки", "touchpoint": "Сайт",
           "persona": "Мария", "card": "Дълго чакане на куриера", "insight": "По-бърза доставка"},
    "lv": {"button": "Latviešu", "title": "Apavu interneta veikals", "touchpoint": "Vietne",
           "persona": "Līga", "card": "Ilgi jāgaida kurjers", "insight": "Ātrāka piegāde"},
}


@pytest.mark.parametrize("code", WORKSHOPS)
def test_a_whole_workshop_through_the_app(started, room, code) -> None:
    words = WORKSHOPS[code]
    page = room
    page.goto(started.url, timeout=120_000)

    # the first page asks for the language, in every language; nothing to run
    page.wait_for_selector(".journeylab-language-choice", timeout=120_000)
    assert page.locator(".journeylab-language-choice button").count() == 5
    page.click(f".journeylab-language-{code}")
    page.wait_for_selector(".journeylab-stepbar", timeout=90_000)
    assert page.locator(".jp-InputArea-editor:visible").count() == 0
    assert page.locator(".journeylab-step").count() == 8

    # step 1: a workshop of the room's own, in the room's language (the form is live)
    title = page.locator(".journeylab-create-title input")
    title.fill(words["title"])
    page.click(".journeylab-create-button")
    folder = poll(lambda: next((p.parent for p in (started.root / "workshops").glob(
        "*/journey.json") if journey(p.parent)["title"] == words["title"]), None),
        lambda found: found is not None, seconds=30)
    assert folder is not None, "the workshop was created on disk"
    assert journey(folder)["language"] == code

    # step 2: a touchpoint
    _step(page, 2, ".journeylab-touchpoints .journeylab-new-item input")
    _type_new(page, ".journeylab-touchpoints", words["touchpoint"])
    assert poll(lambda: journey(folder), lambda d: any(
        t["name"] == words["touchpoint"] for t in d["touchpoints"]))

    # step 3: a persona
    _step(page, 3, ".journeylab-personas .journeylab-new-item input")
    _type_new(page, ".journeylab-personas", words["persona"])
    assert poll(lambda: journey(folder), lambda d: any(
        p["name"] == words["persona"] for p in d["personas"]))

    # step 4: a pain point on the map of the first stage
    _step(page, 4, ".journeylab-lane-pain_points .journeylab-new-card")
    card = page.locator(".journeylab-lane-pain_points .journeylab-new-card input, "
                        ".journeylab-lane-pain_points .journeylab-new-card textarea").first
    card.fill(words["card"])
    card.press("Enter")
    assert poll(lambda: journey(folder), lambda d: words["card"] in str(d["journey"]))

    # step 5: a participant scores the first stage
    _step(page, 5, ".journeylab-scoring-new-participant input")
    participant = page.locator(".journeylab-scoring-new-participant input")
    participant.fill("Иван" if code == "bg" else "Jānis")
    participant.press("Enter")
    face = page.locator(".journeylab-stage-scores .journeylab-score-plus-2").first
    face.wait_for(timeout=30_000)
    face.click()
    assert poll(lambda: journey(folder), lambda d: [e["score"] for e in d["emotions"]] == [2])

    # step 6: the evidence step offers the project's sample exports, nothing from elsewhere
    _step(page, 6, ".journeylab-evidence")
    assert page.locator(".journeylab-evidence select").count() > 0

    # step 7: an insight, and two dots for it
    _step(page, 7, ".journeylab-insights-editor .journeylab-new-item input")
    _type_new(page, ".journeylab-insights-editor", words["insight"])
    plus = page.locator(".journeylab-dot-row .journeylab-dot-plus").first
    plus.wait_for(timeout=30_000)
    plus.click()
    page.wait_for_timeout(500)
    plus.click()
    assert poll(lambda: journey(folder), lambda d: any(
        i["title"] == words["insight"] and i["votes"] == 2 for i in d["insights"]))

    # step 8: the handout, downloaded through the browser
    _step(page, 8, ".journeylab-downloads a")
    with page.expect_download(timeout=120_000) as download:
        page.locator(".journeylab-downloads a").first.click()
    saved = Path(download.value.path())
    text = saved.read_text(encoding="utf-8")
    assert words["title"] in text and words["insight"] in text
    assert re.search(rf'<html[^>]*lang="{code}"', text)

    assert page.outside == [], "the app loads nothing from the network"
