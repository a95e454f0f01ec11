"""The facilitator's round panel over a real room server and scripted phones (no kernel: the
test looks for answers where the kernel's ticker would, by calling ``tick``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeylab.forms.emotions import emotion_scoring
from journeylab.forms.insights import insights_actions
from journeylab.forms.session import Session
from journeylab.model import is_anonymous
from journeylab.room import control
from journeylab.room.phone import Phone
from journeylab.room.rounds import read_round
from journeylab.store import load_workshop

from ..forms.conftest import demo_copy
from .conftest import in_thread


@pytest.fixture
def folder(tmp_path: Path):
    workshop = demo_copy(tmp_path, "mortgage-journey")
    yield workshop
    control.stop(workshop)


def _open_on(phone: Phone, round_id: str) -> bool:
    shown = (phone.state or {}).get("round") or {}
    return shown.get("id") == round_id and shown.get("state") == "open"


def phones_answer(url: str, round_id: str, answers: list[dict[str, int]],
                  name: str | None = None) -> list[dict]:
    """Each phone joins and sends its answers; the room's replies, in order."""
    async def work() -> list[dict]:
        replies = []
        for given in answers:
            phone = Phone(url)
            await phone.join()
            while not _open_on(phone, round_id):  # the room sees a round within 0.2 s
                await phone.news()
            if name is not None:
                await phone.send({"type": "hello", "name": name})
            for item, value in given.items():
                replies.append(await phone.ballot(round_id, item, value))
            await phone.leave()
        return replies
    return in_thread(work)


def test_a_vote_round_moves_the_dots_live_and_adds_them_once_when_closed(folder) -> None:
    form = insights_actions(Session.open(folder))
    panel, dots = form.dots.room, form.dots
    first, second = (i.id for i in form.session.workshop.insights[:2])
    before = {i.id: i.votes for i in load_workshop(folder).insights}
    dots.per_participant.value = 3

    panel.open_round()
    assert panel.is_open and panel.mark.state == ""
    opened = read_round(panel.folder)
    assert (opened.kind, opened.dots, opened.anonymous) == ("votes", 3, True)
    assert [item.id for item in opened.items] == list(before)
    code = panel.server.code
    assert f"{code[:3]} {code[3:]}" in panel.join.value  # read out in two halves
    assert panel.server.url in panel.join.value

    replies = phones_answer(panel.server.url, opened.id,
                            [{first: 2, second: 1}, {first: 1}, {second: 3}])
    assert all(reply["type"] == "ack" for reply in replies), replies
    panel.tick()
    assert "3" in panel.live.value
    # the form shows the room's dots before anything is saved
    assert str(before[first] + 3) in dots.row(first).count.value
    assert load_workshop(folder).insights[0].votes == before[first]

    panel.close_round()
    assert panel.mark.state == "saved", panel.mark.text
    assert read_round(panel.folder).state == "closed"
    saved = {i.id: i.votes for i in load_workshop(folder).insights}
    assert (saved[first], saved[second]) == (before[first] + 3, before[second] + 4)

    # reopened, one more dot, closed again: the round's dots count once
    panel.reopen_round()
    assert read_round(panel.folder).state == "open"
    assert phones_answer(panel.server.url, opened.id, [{first: 1}])[0]["type"] == "ack"
    panel.close_round()
    saved = {i.id: i.votes for i in load_workshop(folder).insights}
    assert (saved[first], saved[second]) == (before[first] + 4, before[second] + 4)
    assert json.loads((panel.folder / "written.json").read_text())[opened.id]["votes"] == {
        first: 4, second: 4}


def test_a_named_emotion_round_scores_for_the_names_the_phones_chose(folder) -> None:
    form = emotion_scoring(Session.open(folder))
    workshop = form.session.workshop
    person, stage = workshop.participants[0], workshop.stages[0].id
    form.room.anonymous.value = False
    form.room.open_round()
    opened = read_round(form.room.folder)
    assert not opened.anonymous
    assert [p.label for p in opened.participants] == [p.name for p in workshop.participants]
    assert form.rows_box.layout.display == "none"  # the room answers, not the facilitator

    replies = phones_answer(form.room.server.url, opened.id, [{stage: -3}], name=person.id)
    assert [reply["type"] for reply in replies] == ["ack"]
    form.room.close_round()
    assert form.room.mark.state == "saved", form.room.mark.text
    saved = [s for s in load_workshop(folder).emotions
             if (s.participant, s.persona, s.stage) == (person.id, opened.persona, stage)]
    assert [s.score for s in saved] == [-3]
    assert not [s for s in load_workshop(folder).emotions if is_anonymous(s.participant)]
    assert form.rows_box.layout.display == ""


def test_a_round_of_the_other_step_is_closed_there_first(folder) -> None:
    scoring = emotion_scoring(Session.open(folder))
    voting = insights_actions(Session.open(folder)).dots.room
    scoring.room.open_round()
    voting.open_round()
    assert voting.mark.state == "refused" and not voting.is_open
    assert read_round(voting.folder).kind == "emotions"


def test_a_panel_shown_again_picks_up_the_open_round(folder) -> None:
    first = emotion_scoring(Session.open(folder))
    first.room.open_round()
    again = emotion_scoring(Session.open(folder))  # a restarted kernel draws the step anew
    assert again.room.is_open and again.room.round.id == first.room.round.id
    assert again.room.server == first.room.server
