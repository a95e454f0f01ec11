"""The participant's page in a real Chromium at phone size: taps saved, the round followed."""

from __future__ import annotations

import time

import pytest

from journeylab.i18n import language
from journeylab.presets import FRAMEWORKS
from journeylab.room.ballots import answers_from, read_ballots
from journeylab.room.places import BALLOT_FILE
from journeylab.room.rounds import RoundItem
from tests.browser.helpers import cut_texts, poll

from .conftest import in_thread, start_room
from .test_server import _burst, _check_every_ack_is_logged_once

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A phone-sized page; several with ``phone.new()``."""
    contexts = []

    def new(**options):
        context = browser.new_context(**{"viewport": PHONE, "has_touch": True, **options})
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


def ballots_of(room) -> list[dict]:
    return read_ballots(room.folder / BALLOT_FILE)[0]


def face(page, stage_index: int, score: int):
    return page.locator(".room-item").nth(stage_index).locator(".room-face").nth(score + 3)


def saved(page, stage_index: int) -> None:
    page.locator(".room-item").nth(stage_index).locator(".room-note-saved").wait_for(
        timeout=10_000)


@pytest.mark.slow
def test_taps_on_three_phones_amid_thirty_others_are_each_counted_once(room, phone) -> None:
    import threading

    opened = room.open_round()
    pages = [phone() for _ in range(3)]
    for page in pages:
        page.goto(room.url)
        page.locator(".room-face").first.wait_for()
    acks: dict = {}
    burst = threading.Thread(target=in_thread,
                             args=(lambda: _burst(room.url, opened.id, 30, 20, acks),))
    burst.start()
    chosen = {}
    for number, page in enumerate(pages):
        for stage in range(3):
            score = (number + stage) % 7 - 3
            face(page, stage, score).click()
            chosen[(number, stage)] = score
    face(pages[0], 1, chosen[(0, 1)]).click()  # the chosen face again: cleared
    del chosen[(0, 1)]
    for number, page in enumerate(pages):
        for stage in range(3):
            saved(page, stage)
    burst.join(120)
    assert len(acks) == 600
    ballots = _check_every_ack_is_logged_once(room.folder, opened.id, acks)
    from_pages = [b for b in ballots if b["id"] not in acks]
    assert len(from_pages) == 10
    tally = answers_from(ballots, opened.id)
    page_devices = {b["device"] for b in from_pages}
    assert len(page_devices) == 3
    shown = sorted(sorted(tally[d].items()) for d in page_devices)
    stage_ids = [i.id for i in opened.items]
    expected = sorted(sorted((stage_ids[s], v) for (n, s), v in chosen.items() if n == number)
                      for number in range(3))
    assert shown == expected
    assert pages[0].locator(".room-item").nth(1).locator("[aria-pressed=true]").count() == 0


def test_votes_count_the_dots_left_and_stop_at_none(room, phone) -> None:
    opened = room.open_round(kind="votes", question="Which matter most?", dots=2,
                             items=[RoundItem(id=f"i{n}", label=f"Insight {n}")
                                    for n in range(3)])
    page = phone()
    page.goto(room.url)
    dots = page.locator(".room-dots")
    dots.get_by_text("2 of 2 dots left").wait_for()
    plus = page.locator(".room-item .room-step:has-text('+')")
    minus = page.locator(".room-item .room-step:has-text('\u2212')")
    plus.nth(0).click()
    plus.nth(2).click()
    dots.get_by_text("0 of 2 dots left").wait_for()
    assert plus.nth(1).is_disabled() and minus.nth(1).is_disabled()
    minus.nth(0).click()
    dots.get_by_text("1 of 2 dots left").wait_for()
    saved(page, 0)
    saved(page, 2)
    device = ballots_of(room)[0]["device"]
    assert answers_from(ballots_of(room), opened.id) == {device: {"i0": 0, "i2": 1}}


def test_the_page_follows_the_round_waiting_timed_closed_revealed(room, phone) -> None:
    page = phone()
    page.goto(room.url)
    page.get_by_text("Waiting for the facilitator to open a round").wait_for()
    opened = room.open_round(ends_at=time.time() + 95)
    page.locator(".room-timer").get_by_text("Time left: 1:3").wait_for()
    face(page, 0, 2).click()
    saved(page, 0)
    room.open_round(**{**opened.model_dump(), "state": "closed", "reveal": True})
    page.get_by_text("This round is closed. Thank you!").wait_for()
    assert face(page, 0, 1).is_disabled()
    assert face(page, 0, 2).get_attribute("aria-pressed") == "true"  # the answer stays shown
    assert page.locator(".room-timer").is_hidden()
    page.get_by_text("The results appear from 3 answers up.").wait_for()


def test_results_appear_when_revealed_from_three_answers_up(room, phone) -> None:
    opened = room.open_round(reveal=True)
    pages = [phone() for _ in range(3)]
    for number, page in enumerate(pages[:2]):
        page.goto(room.url)
        face(page, 0, number - 3).click()
        saved(page, 0)
    page = pages[2]
    page.goto(room.url)
    page.get_by_text("The results appear from 3 answers up.").wait_for()
    face(page, 0, 3).click()
    saved(page, 0)
    page.locator(".room-result").first.get_by_text("Room average: \u22120.7 from 3 answers") \
        .wait_for(timeout=10_000)
    assert opened.reveal


def test_a_named_round_asks_the_name_and_keeps_it(room, phone) -> None:
    opened = room.open_round(anonymous=False, participants=[
        RoundItem(id="ana", label="Ana"), RoundItem(id="ivan", label="Ivan")])
    page = phone()
    page.goto(room.url)
    page.get_by_role("button", name="Ivan").click()
    page.get_by_text("You answer as Ivan.").wait_for()
    face(page, 4, -1).click()
    saved(page, 4)
    assert [(b["name"], b["value"]) for b in ballots_of(room)] == [("ivan", -1)]
    page.reload()
    page.get_by_text("You answer as Ivan.").wait_for()
    assert opened.participants[1].label == "Ivan"


def test_without_websockets_the_page_falls_back_to_long_polling(room, phone) -> None:
    opened = room.open_round()
    page = phone()
    page.add_init_script("delete window.WebSocket;")
    page.goto(room.url)
    face(page, 2, -3).click()
    saved(page, 2)
    room.open_round(**{**opened.model_dump(), "question": "Now the second persona"})
    page.get_by_role("heading", name="Now the second persona").wait_for(timeout=30_000)
    assert [b["value"] for b in ballots_of(room)] == [-3]


@pytest.mark.slow
def test_a_tap_while_the_room_is_away_is_sent_when_it_is_back(tmp_path, phone) -> None:
    server = start_room(tmp_path / "workshop")
    opened = server.open_round()
    page = phone()
    page.goto(server.url)
    face(page, 0, 1).click()
    saved(page, 0)
    server.stop()
    page.get_by_text("Reconnecting…").wait_for(timeout=10_000)
    face(page, 1, -2).click()
    back = start_room(tmp_path / "workshop", port=server.port)
    try:
        saved(page, 1)
        ballots = poll(lambda: ballots_of(back), lambda found: len(found) == 2)
        assert [(b["item"], b["value"]) for b in ballots] == [("discover", 1), ("compare", -2)]
        assert ballots[0]["device"] == ballots[1]["device"]  # the same phone after the restart
        assert page.get_by_text("Reconnecting…").is_hidden()
    finally:
        back.stop()
    assert opened.id == ballots[1]["round"]


def _stage_round(code: str, kind: str, room) -> None:
    with language(code):
        stages = FRAMEWORKS["six-phases"].stage_names()
        from journeylab.i18n import _

        question = _("How does the persona feel at each stage?")
    items = [RoundItem(id=stage, label=name) for stage, name in stages]
    room.open_round(kind=kind, language=code, question=question, items=items, dots=3)


@pytest.mark.parametrize("code", ["en", "bg", "ru", "lv", "mk"])
def test_no_serious_accessibility_violation_and_no_word_cut(room, phone, artifacts,
                                                            code) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for kind in ("emotions", "votes"):
        _stage_round(code, kind, room)
        page = phone(bypass_csp=True)  # the audit itself is a script
        page.goto(room.url)
        targets = page.locator(".room-face" if kind == "emotions" else ".room-step")
        targets.first.wait_for()
        targets.nth(1).click()  # −2 on the first stage, or a dot on the first insight
        saved(page, 0)
        assert page.evaluate("document.documentElement.lang") == code
        serious = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in
                                                                   v["nodes"][:3]]}
                   for v in Axe().run(page).response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
        assert cut_texts(page, "#room", min_font_px=16) == []
        small = page.evaluate("""() => [...document.querySelectorAll('button')]
            .map(b => b.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44)
            .length""")
        assert small == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        if code in ("bg", "lv"):
            page.screenshot(path=str(artifacts / f"room-{kind}-{code}.png"), full_page=True)
    page = phone(bypass_csp=True, locale=code)
    page.goto(room.url.rsplit("/r/", 1)[0] + "/")
    page.fill("#join-code", "000000" if room.info["code"] != "000000" else "111111")
    page.click(".join-button")
    page.locator(".room-problem").wait_for()
    serious = [v["id"] for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert cut_texts(page, "main", min_font_px=16) == []
    if code in ("bg", "lv"):
        page.screenshot(path=str(artifacts / f"room-join-{code}.png"), full_page=True)


def test_on_a_laptop_the_page_keeps_a_readable_column(room, phone, artifacts) -> None:
    _stage_round("ru", "emotions", room)
    page = phone(viewport={"width": 1366, "height": 768})
    page.goto(room.url)
    page.locator(".room-face").first.wait_for()
    assert page.locator("#room").bounding_box()["width"] <= 1100
    rows = page.evaluate("""() => new Set([...document.querySelector('.room-faces')
        .children].map(b => Math.round(b.getBoundingClientRect().top))).size""")
    assert rows == 1  # all seven faces on one line
    assert cut_texts(page, "#room", min_font_px=16) == []
    page.screenshot(path=str(artifacts / "room-emotions-ru-laptop.png"), full_page=True)
