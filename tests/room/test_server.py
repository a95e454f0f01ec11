"""A real room server process: many phones at once, a crash mid-burst, a clean stop."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from journeylab.room.ballots import answers_from, read_ballots
from journeylab.room.phone import Phone, fetch_cookie
from journeylab.room.places import BALLOT_FILE, SERVER_FILE, server_info

from .conftest import STAGES, in_thread, start_room

ITEMS = [stage for stage, _label in STAGES]


async def _burst(url: str, round_id: str, phones: int, ballots: int, acks: dict,
                 cookies: list | None = None) -> None:
    """``phones`` phones answer ``ballots`` times each, all at once; acks by ballot id."""
    joined = [Phone(url, cookies[n] if cookies else None) for n in range(phones)]
    await asyncio.gather(*(phone.join() for phone in joined))

    async def tap(number: int, phone: Phone) -> None:
        rng = random.Random(number)
        for count in range(ballots):
            item, value = rng.choice(ITEMS), rng.choice([-3, -2, -1, 0, 1, 2, 3, None])
            ballot_id = f"p{number}-{count}"
            try:
                answer = await phone.ballot(round_id, item, value, ballot_id)
            except (TimeoutError, ConnectionError, OSError):
                return
            if answer["type"] == "ack":
                acks[ballot_id] = (number, item, value, answer["seq"])

    try:
        await asyncio.gather(*(tap(n, phone) for n, phone in enumerate(joined)))
    finally:
        await asyncio.gather(*(phone.leave() for phone in joined))


def _check_every_ack_is_logged_once(folder, round_id: str, acks: dict) -> list[dict]:
    ballots, _offset = read_ballots(folder / BALLOT_FILE)
    by_id = {}
    for ballot in ballots:
        assert ballot["id"] not in by_id, f"ballot {ballot['id']} written twice"
        by_id[ballot["id"]] = ballot
    for ballot_id, (_number, item, value, seq) in acks.items():
        logged = by_id[ballot_id]
        assert (logged["item"], logged["value"], logged["seq"]) == (item, value, seq)
    seqs = [ballot["seq"] for ballot in ballots]
    assert seqs == list(range(1, len(seqs) + 1))
    return ballots


@pytest.mark.slow
def test_thirty_phones_answering_at_once_are_all_counted(room) -> None:
    opened = room.open_round()
    acks: dict = {}
    in_thread(lambda: _burst(room.url, opened.id, 30, 20, acks))
    assert len(acks) == 600
    ballots = _check_every_ack_is_logged_once(room.folder, opened.id, acks)
    assert len(ballots) == 600
    # the tally is the latest acknowledged answer of each phone and stage
    device_of = {}
    for ballot in ballots:
        device_of[acks[ballot["id"]][0]] = ballot["device"]
    expected: dict[str, dict[str, int]] = {}
    for _id, (number, item, value, _seq) in sorted(acks.items(), key=lambda a: a[1][3]):
        answers = expected.setdefault(device_of[number], {})
        if value is None:
            answers.pop(item, None)
        else:
            answers[item] = value
    assert answers_from(ballots, opened.id) == {d: a for d, a in expected.items() if a}
    assert len(set(device_of.values())) == 30


@pytest.mark.slow
def test_a_killed_server_loses_no_acknowledged_ballot_and_carries_on(tmp_path) -> None:
    server = start_room(tmp_path / "workshop")
    opened = server.open_round()
    cookies = [fetch_cookie(server.url)[1] for _ in range(10)]
    acks: dict = {}

    async def burst_then_kill() -> None:
        task = asyncio.create_task(_burst(server.url, opened.id, 10, 200, acks, cookies))
        while len(acks) < 150:
            await asyncio.sleep(0.01)
        server.process.send_signal(signal.SIGKILL)
        await task

    try:
        in_thread(burst_then_kill)
    finally:
        server.kill()
    assert 150 <= len(acks) < 2000
    ballots = _check_every_ack_is_logged_once(server.folder, opened.id, acks)
    last_seq = ballots[-1]["seq"]
    device_of = {acks[b["id"]][0]: b["device"] for b in ballots if b["id"] in acks}

    again = start_room(tmp_path / "workshop")
    try:
        assert again.token == server.token and again.info["code"] == server.info["code"]
        assert server_info(again.folder)["pid"] == again.process.pid
        after: dict = {}

        async def one_more() -> None:
            phone = Phone(again.url, cookies[0])  # the same phone, with its cookie
            await phone.join()
            answer = await phone.ballot(opened.id, "use", 3, "after-restart")
            after["answer"] = answer
            resent = await phone.ballot(opened.id, "use", 3, "after-restart")
            after["resent"] = resent
            await phone.leave()

        in_thread(one_more)
    finally:
        assert again.stop() == 0
    assert after["answer"] == {"type": "ack", "id": "after-restart", "seq": last_seq + 1}
    assert after["resent"]["seq"] == last_seq + 1
    final = read_ballots(again.folder / BALLOT_FILE)[0]
    assert final[-1]["device"] == device_of[0]  # the cookie still names the same phone
    assert len([b for b in final if b["id"] == "after-restart"]) == 1


def test_a_phone_sees_the_round_change_and_the_results_when_revealed(room) -> None:
    opened = room.open_round(kind="votes", question="Which matter most?", dots=3)
    seen: dict = {}

    async def phones() -> None:
        joined = [Phone(room.url) for _ in range(3)]
        await asyncio.gather(*(phone.join() for phone in joined))
        state = joined[0].state
        seen["open"] = state
        seen["too_many"] = [await joined[0].ballot(opened.id, "discover", n) for n in (2, 1)]
        seen["over"] = await joined[0].ballot(opened.id, "compare", 3)
        seen["ok"] = await joined[0].ballot(opened.id, "compare", 2)
        for phone in joined[1:]:
            await phone.ballot(opened.id, "apply", 1)
        since = joined[1].state["version"]
        await asyncio.to_thread(room.open_round, **{**opened.model_dump(), "reveal": True})
        seen["revealed"] = await joined[1].news(since)
        since = joined[2].state["version"]
        await asyncio.to_thread(room.open_round, **{**opened.model_dump(), "state": "closed"})
        seen["closed"] = await joined[2].news(since)
        seen["late"] = await joined[2].ballot(opened.id, "apply", 0)
        await asyncio.gather(*(phone.leave() for phone in joined))

    in_thread(phones)
    view = seen["open"]["round"]
    assert view["question"] == "Which matter most?" and view["dots"] == 3
    assert view["state"] == "open" and seen["open"]["results"] is None
    assert [a["type"] for a in seen["too_many"]] == ["ack", "ack"]
    assert seen["over"]["type"] == "refused" and "no dots left" in seen["over"]["message"]
    assert seen["ok"]["type"] == "ack"
    assert seen["revealed"]["results"]["items"] == {
        "discover": 1, "compare": 2, "apply": 2, "wait": 0, "sign": 0, "use": 0}
    assert seen["revealed"]["mine"] == {"apply": 1}
    assert seen["closed"]["round"]["state"] == "closed"
    assert seen["late"]["type"] == "refused"


def test_a_reconnecting_phone_gets_its_own_answers_back(room) -> None:
    opened = room.open_round()
    seen: dict = {}

    async def phone_twice() -> None:
        phone = Phone(room.url)
        await phone.join()
        await phone.ballot(opened.id, "sign", -2)
        await phone.ballot(opened.id, "use", 1)
        await phone.ballot(opened.id, "use", None)
        await phone.leave()
        again = Phone(room.url, phone.cookie)
        await again.join()
        seen["state"] = again.state
        await again.leave()

    in_thread(phone_twice)
    assert seen["state"]["mine"] == {"sign": -2}


def test_the_long_poll_fallback_carries_the_same_messages(room) -> None:
    from .conftest import request

    opened = room.open_round()
    _status, cookie = fetch_cookie(room.url)
    path = f"/r/{room.token}"
    origin = f"http://127.0.0.1:{room.port}"
    plain = {"Cookie": cookie, "X-JourneyLab": "1"}
    status, _h, body = request(room.port, "GET", f"{path}/state?since=0", headers=plain)
    state = json.loads(body)
    assert status == 200 and state["round"]["id"] == opened.id
    started = time.monotonic()
    ballot = {"type": "ballot", "id": "lp1", "round": opened.id, "item": "apply", "value": 2}
    status, _h, body = request(room.port, "POST", f"{path}/ballot", json.dumps(ballot).encode(),
                               {**plain, "Origin": origin, "Content-Type": "application/json"})
    assert status == 200 and json.loads(body) == {"type": "ack", "id": "lp1", "seq": 1}
    # nothing new for this phone: the poll waits, until the round changes
    room.open_round(**{**opened.model_dump(), "state": "closed"})
    status, _h, body = request(room.port, "GET", f"{path}/state?since={state['version']}",
                               headers=plain)
    assert json.loads(body)["round"]["state"] == "closed"
    assert json.loads(body)["mine"] == {"apply": 2}
    assert time.monotonic() - started < 20


def test_a_clean_stop_removes_the_address_file(tmp_path) -> None:
    server = start_room(tmp_path / "workshop")
    assert (server.folder / SERVER_FILE).exists()
    assert oct(server.folder.stat().st_mode)[-3:] == "700"
    assert oct((server.folder / "secret").stat().st_mode)[-3:] == "600"
    assert server.url.startswith(f"http://127.0.0.1:{server.port}/r/")
    assert server.info["lan"] is False and len(server.info["code"]) == 6
    assert server.stop() == 0
    assert not (server.folder / SERVER_FILE).exists()
    assert server_info(server.folder) is None


def test_a_second_server_for_the_same_workshop_is_refused(room) -> None:
    line = [sys.executable, "-m", "journeylab.room", "--workshop", str(room.workshop)]
    second = subprocess.run(line, check=False, capture_output=True, text=True, timeout=30)
    assert second.returncode == 1
    assert "already runs" in second.stderr
    assert server_info(room.folder)["pid"] == room.process.pid


def test_the_command_line_prints_the_addresses_and_the_code(tmp_path) -> None:
    workshop = tmp_path / "workshop"
    workshop.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "journeylab", "room", str(workshop),
                                "--lang", "bg"], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [process.stdout.readline() for _ in range(3)]
    finally:
        process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=15)[0]
    text = "".join(lines) + rest
    assert "http://127.0.0.1:" in text and "/r/" in text
    assert "Ctrl+C" in text
    assert process.returncode == 0


def test_a_stop_does_not_wait_for_a_phone_that_long_polls(tmp_path) -> None:
    import threading

    from .conftest import request

    server = start_room(tmp_path / "workshop")
    _status, cookie = fetch_cookie(server.url)
    plain = {"Cookie": cookie, "X-JourneyLab": "1"}
    state = json.loads(request(server.port, "GET", f"/r/{server.token}/state?since=0",
                               headers=plain)[2])
    answered: list = []

    def long_poll() -> None:
        try:
            answered.append(request(server.port, "GET", f"/r/{server.token}/state?since="
                                    f"{state['version']}", headers=plain)[0])
        except ConnectionError:  # the phone's page polls again, and finds the room away
            answered.append("hung up")

    poll = threading.Thread(target=long_poll)
    poll.start()
    time.sleep(0.5)
    started = time.monotonic()
    assert server.stop() == 0
    poll.join(10)
    assert time.monotonic() - started < 5
    assert answered in ([200], ["hung up"])


def test_under_a_jupyterhub_service_prefix_every_address_moves_under_it(tmp_path,
                                                                         monkeypatch) -> None:
    from .conftest import request

    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/room")
    server = start_room(tmp_path / "workshop")
    try:
        assert server.url == (f"http://127.0.0.1:{server.port}/services/room/r/"
                              f"{server.token}")
        status, headers, body = request(server.port, "GET", f"/services/room/r/{server.token}")
        assert status == 200 and b'src="/services/room/static/room.js"' in body
        assert "Path=/services/room/" in headers["Set-Cookie"]
        assert request(server.port, "GET", f"/r/{server.token}")[0] == 404
        assert request(server.port, "GET", "/services/room/static/room.css")[0] == 200
    finally:
        server.stop()
