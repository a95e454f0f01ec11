"""The whole live room, as a Bulgarian workshop meets it: the facilitator's app opens a round,
three phones answer, the facilitator's curve follows, the round closes into the workshop.

Real parts only: the facilitator's app in JupyterLab's server (a real kernel), the room
server the form starts (a process of its own), three Chromium pages at phone size that join
through the QR code the projector shows (decoded from a screenshot with ``zbarimg``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from journeylab import preferences
from journeylab.charts.emotions import signed
from journeylab.i18n import _, language
from journeylab.model import is_anonymous
from journeylab.room import control

from ..chromium import missing
from .conftest import ARTIFACTS
from .helpers import cut_texts, journey, poll

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECTOR = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
#: What each of the three phones answers at the first two stages.
ANSWERS = {0: (-2, 1), 1: (-3, 2), 2: (1, 3)}


def decoded_qr(png: Path) -> str:
    """The text of the QR code in a screenshot, as a phone's camera reads it."""
    if shutil.which("zbarimg") is None:
        missing("zbarimg is not installed (apt-get install zbar-tools): the QR code "
                "cannot be read back")
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], check=True,
                          capture_output=True, text=True).stdout.strip()


def tap(phone, stage: int, score: int) -> None:
    """Tap the face of ``score`` at the ``stage``-th stage and wait until the room took it."""
    section = phone.locator(".room-item").nth(stage)
    section.locator(".room-face", has=phone.locator(".room-face-number",
                                                    has_text=signed(score))).click()
    section.locator(".room-face.room-chosen").wait_for(timeout=10_000)


def test_three_phones_score_in_bulgarian_and_the_closed_round_is_in_the_workshop(
        lab, browser) -> None:
    folder = lab.use_workshop("live-room-bg", source="elektronika-online")
    preferences.save(language="bg", mode="room")
    data = journey(folder)
    persona, stages = data["personas"][0], data["stages"]
    facilitator_context = browser.new_context(viewport=PROJECTOR)
    phones = []
    try:
        page = facilitator_context.new_page()
        page.goto(f"http://127.0.0.1:{lab.port}/voila/render/notebooks/app.ipynb"
                  f"?token={lab.token}", timeout=60_000)
        page.locator(".journeylab-app").wait_for(timeout=90_000)
        page.locator(".journeylab-step-5").click()
        form = page.locator(".journeylab-app .journeylab-emotion-scoring")
        form.wait_for(timeout=60_000)
        form.locator(".journeylab-scoring-persona select").select_option(
            label=persona["name"])
        form.locator(".journeylab-room-open").click()
        qr = form.locator(".journeylab-room-join img")
        qr.wait_for(timeout=60_000)
        qr.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "live-room-facilitator-open-bg.png"))
        qr.screenshot(path=str(ARTIFACTS / "live-room-qr.png"))
        # the way in reads from the back of the room, whole
        assert cut_texts(page, ".journeylab-app .journeylab-room", min_font_px=18) == []
        assert qr.bounding_box()["width"] >= 200
        link = decoded_qr(ARTIFACTS / "live-room-qr.png")
        server = control.running(folder)
        assert server is not None and link == server.url
        assert form.locator(".journeylab-room-address").inner_text().strip() == link
        chart_before = form.locator("img.widget-image").first.get_attribute(
            "src")

        for number, (first, second) in ANSWERS.items():
            phone_context = browser.new_context(viewport=PHONE, is_mobile=True,
                                                has_touch=True)
            phones.append(phone_context)
            phone = phone_context.new_page()
            phone.goto(link)
            phone.locator(".room-item").first.wait_for(timeout=30_000)
            assert phone.locator("h2.room-item-label").first.inner_text() == stages[0]["name"]
            tap(phone, 0, first)
            tap(phone, 1, second)
            phone.screenshot(path=str(ARTIFACTS / f"live-room-phone-{number}-bg.png"),
                             full_page=True)

        with language("bg"):
            answered = _("People who answered: {count}", count=3)
        form.locator(".journeylab-room-live", has_text=answered).wait_for(timeout=10_000)
        poll(lambda: form.locator("img.widget-image").first.get_attribute(
            "src"), lambda src: src != chart_before, seconds=10)
        # the room's table already counts the three phones' scores at the first stage
        first_row = form.locator(".journeylab-emotion-table tr", has_text=stages[0]["name"])
        assert first_row.locator("td").nth(4).inner_text().strip() != "0"
        page.screenshot(path=str(ARTIFACTS / "live-room-facilitator-answers-bg.png"))

        form.locator(".journeylab-room-close").click()
        saved = poll(lambda: journey(folder), lambda d: sum(
            1 for s in d["emotions"] if is_anonymous(s["participant"])) == 6, seconds=20)
        scores = sorted((s["stage"], s["score"]) for s in saved["emotions"]
                        if is_anonymous(s["participant"]) and s["persona"] == persona["id"])
        wanted = sorted([(stages[0]["id"], a) for a, _b in ANSWERS.values()]
                        + [(stages[1]["id"], b) for _a, b in ANSWERS.values()])
        assert scores == wanted
        named = {p["id"] for p in saved["participants"]}
        assert not any(s["participant"] in named for s in saved["emotions"]
                       if is_anonymous(s["participant"]))
        # the phones now say the round is closed, and take no more answers
        phones[0].pages[0].locator(".room-status").wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "live-room-facilitator-closed-bg.png"))
    finally:
        for context in phones:
            context.close()
        facilitator_context.close()
        control.stop(folder)
