"""Hostile text from the workshop or from a phone is shown as text on the phone page, never run."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from journeylab.room.phone import Phone
from journeylab.room.rounds import RoundItem

from .conftest import in_thread

pytestmark = pytest.mark.browser
PAYLOADS = (Path(__file__).parents[1] / "files" / "xss_payloads.txt").read_text(
    "utf-8").splitlines()
_FOUND = """() => ({
    scripts: [...document.querySelectorAll('script')].map(s => s.src || s.type),
    injected: document.querySelectorAll(
        '#room img, #room svg, #room iframe, #room object, #room embed, #room video, '
        + '#room audio, #room form, #room input, #room select, #room details, #room marquee, '
        + '#room style, #room link, #room meta, #room base, #room a, #room math').length,
    handlers: [...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].map(a => a.name).filter(n => n.startsWith('on'))),
    flag: window.__xss || null,
    text: document.body.innerText,
})"""


def _hostile_round(room, **changes):
    items = [RoundItem(id=f"s{n}", label=text, detail=PAYLOADS[-1 - n])
             for n, text in enumerate(PAYLOADS[:12])]
    people = [RoundItem(id=f"p{n}", label=text) for n, text in enumerate(PAYLOADS[12:24])]
    return room.open_round(question=PAYLOADS[0] + PAYLOADS[2], items=items,
                           participants=people, **changes)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
@pytest.mark.parametrize("kind", ["emotions", "votes"])
def test_hostile_names_never_run_on_the_phone(room, browser, kind, bypass_csp) -> None:
    opened = _hostile_round(room, kind=kind, anonymous=False, reveal=True)
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(room.url)
        page.locator(".room-name").first.wait_for()
        names = page.evaluate(_FOUND)
        page.locator(".room-name").nth(3).click()  # a name that is an attack string
        step = ".room-face" if kind == "emotions" else ".room-step:has-text('+')"
        page.locator(step).nth(1).click()
        page.locator(".room-note-saved").first.wait_for()
        page.wait_for_timeout(500)  # let onerror / onload handlers fire if any exist
        found = page.evaluate(_FOUND)
    finally:
        context.close()
    assert dialogs == [] and found["flag"] is None and names["flag"] is None
    assert found["injected"] == 0 and names["injected"] == 0
    assert found["handlers"] == [] and names["handlers"] == []
    assert sorted(found["scripts"]) == ["application/json",
                                        f"http://127.0.0.1:{room.port}/static/room.js"]
    origin = f"http://127.0.0.1:{room.port}/"
    assert [url for url in requests if not url.startswith((origin, "ws://127.0.0.1"))] == []
    assert PAYLOADS[0] in found["text"] and PAYLOADS[12] in names["text"]
    assert opened.participants[3].label in found["text"]  # "You answer as …", as text


def test_hostile_ballot_fields_are_refused_and_never_echoed(room, browser) -> None:
    opened = room.open_round()
    async def hostile() -> None:
        phone = Phone(room.url)
        await phone.join()
        for text in PAYLOADS[:8]:
            for field in ("item", "round", "id", "value"):
                ballot = {"type": "ballot", "id": "h1", "round": opened.id, "item": "use",
                          "value": 1, field: text}
                phone._waiting.clear()
                await phone.send(ballot)
        await phone.send({"type": "hello", "name": PAYLOADS[0]})
        await asyncio.sleep(1)
        await phone.leave()

    in_thread(hostile)
    text = (room.folder / "ballots.jsonl").read_text("utf-8")
    assert all(payload not in text for payload in PAYLOADS[:8])
    # the page of another phone shows nothing of it
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(1), dialog.dismiss()))
    try:
        page.goto(room.url)
        page.locator(".room-face").first.wait_for()
        found = page.evaluate(_FOUND)
    finally:
        context.close()
    assert dialogs == [] and found["injected"] == 0 and "alert" not in found["text"]
