"""What the room's port gives away to someone who is not a phone of the room: nothing."""

from __future__ import annotations

import asyncio
import http.client
import json

import pytest

from journeylab.room.pages import SECURITY_HEADERS
from journeylab.room.phone import Phone, fetch_cookie

from .conftest import in_thread, request, start_room

PROBES = ["/api/kernels", "/api/contents", "/lab", "/files/journey.json", "/tree",
          "/r/{token}/../../journey.json", "/static/../store.py", "/static/room.py",
          "/static/", "/r/", "/r/{token}/", "/r/{token}/ws/../state", "/room.js",
          "/%2e%2e/journey.json", "/journeylab/", "/secret", "/ballots.jsonl"]


@pytest.mark.parametrize("path", PROBES)
def test_nothing_but_the_room_is_served(room, path) -> None:
    (room.workshop / "journey.json").write_text('{"title": "private"}', encoding="utf-8")
    status, headers, body = request(room.port, "GET", path.format(token=room.token))
    assert status == 404
    assert room.token.encode() not in body and b"private" not in body
    assert b"Traceback" not in body and b"Tornado" not in body
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value


def test_every_page_carries_the_strict_policy(room) -> None:
    status, headers, body = request(room.port, "GET", f"/r/{room.token}")
    assert status == 200
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert b"<script>" not in body and b"style=" not in body and b"http" not in body
    for path in ("/", "/static/room.js", "/static/room.css"):
        status, headers, _body = request(room.port, "GET", path)
        assert status == 200 and headers["Content-Security-Policy"].startswith("default-src")
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_wrong_token_reaches_nothing(room) -> None:
    wrong = "0" * len(room.token)
    _status, cookie = fetch_cookie(room.url)
    headers = {"Cookie": cookie, "X-JourneyLab": "1", "Origin": f"http://127.0.0.1:{room.port}"}
    for method, path in (("GET", f"/r/{wrong}"), ("GET", f"/r/{wrong}/state?since=0"),
                         ("POST", f"/r/{wrong}/ballot"), ("GET", f"/r/{wrong}/ws")):
        status, _h, body = request(room.port, method, path, b"{}" if method == "POST" else None,
                                   headers)
        assert status == 404 and room.token.encode() not in body


def _socket(room, cookie: str | None, origin: str, token: str | None = None) -> int:
    """The status of a websocket handshake (101 when the room accepts it)."""
    headers = {"Origin": origin, "Connection": "Upgrade", "Upgrade": "websocket",
               "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
               **({"Cookie": cookie} if cookie else {})}
    connection = http.client.HTTPConnection("127.0.0.1", room.port, timeout=10)
    try:
        connection.request("GET", f"/r/{token or room.token}/ws", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_foreign_origin_is_refused_on_the_socket_and_the_fallback(room) -> None:
    opened = room.open_round()
    _status, cookie = fetch_cookie(room.url)
    own = f"http://127.0.0.1:{room.port}"
    assert _socket(room, cookie, own) == 101
    assert _socket(room, cookie, "http://evil.example") == 403
    assert _socket(room, cookie, f"http://127.0.0.1:{room.port + 1}") == 403
    assert _socket(room, None, own) == 403  # no cookie: not a phone of this room
    assert _socket(room, cookie, own, "0" * len(room.token)) == 404
    ballot = json.dumps({"type": "ballot", "id": "x1", "round": opened.id, "item": "use",
                         "value": 1}).encode()
    path = f"/r/{room.token}/ballot"
    for headers in ({"Cookie": cookie, "X-JourneyLab": "1", "Origin": "http://evil.example"},
                    {"Cookie": cookie, "X-JourneyLab": "1"},  # no Origin
                    {"Cookie": cookie, "Origin": own},  # no custom header
                    {"X-JourneyLab": "1", "Origin": own}):  # no cookie
        assert request(room.port, "POST", path, ballot, headers)[0] == 403
    status, _h, body = request(room.port, "GET", f"/r/{room.token}/state?since=0",
                               headers={"Cookie": cookie})
    assert status == 403 and b"round" not in body
    status, _h, body = request(room.port, "POST", path, ballot,
                               {"Cookie": cookie, "X-JourneyLab": "1", "Origin": own})
    assert status == 200 and json.loads(body)["type"] == "ack"


def test_an_oversized_message_is_refused(room) -> None:
    opened = room.open_round()
    seen: dict = {}

    async def big() -> None:
        phone = Phone(room.url)
        await phone.join()
        await phone.send({"type": "ballot", "id": "big", "round": opened.id, "item": "use",
                          "value": 1, "padding": "x" * 5000})
        await asyncio.sleep(0.5)
        seen["closed"] = phone._socket.protocol is None or phone._socket.close_code
        seen["cookie"] = phone.cookie
        await phone.leave()

    in_thread(big)
    assert seen["closed"] == 1009  # "message too big"
    status, _h, _b = request(room.port, "POST", f"/r/{room.token}/ballot",
                             b"{" + b" " * 3000 + b"}",
                             {"Cookie": seen["cookie"], "X-JourneyLab": "1",
                              "Origin": f"http://127.0.0.1:{room.port}"})
    assert status == 413
    try:  # over the server's limit for any body: it answers, or simply hangs up
        status = request(room.port, "POST", f"/r/{room.token}/ballot", b"x" * 100_000,
                         {"Cookie": seen["cookie"], "X-JourneyLab": "1",
                          "Origin": f"http://127.0.0.1:{room.port}"})[0]
    except ConnectionError:
        status = None
    assert status in (None, 400, 413)
    assert "big" not in (room.folder / "ballots.jsonl").read_text()


def test_a_phone_that_taps_too_fast_is_slowed_down(room) -> None:
    opened = room.open_round()
    answers: list = []

    async def flood() -> None:
        phone = Phone(room.url)
        await phone.join()
        answers.extend(await asyncio.gather(*(phone.ballot(opened.id, "use", n % 3, f"f{n}")
                                              for n in range(60))))
        await phone.leave()

    in_thread(flood)
    refused = [a for a in answers if a["type"] == "refused"]
    assert 10 <= len(refused) <= 45
    assert all("Too many taps" in a["message"] for a in refused)


def test_a_new_phone_over_the_limit_finds_the_room_full(tmp_path) -> None:
    server = start_room(tmp_path / "workshop", "--max-devices", "2")
    try:
        first = fetch_cookie(server.url)
        second = fetch_cookie(server.url)
        assert first[0] == second[0] == 200
        status, _cookie = fetch_cookie(server.url)
        assert status == 503
        status, _h, body = request(server.port, "GET", f"/r/{server.token}")
        assert status == 503 and b"The room is full" in body and b"Set-Cookie" not in body
        assert fetch_cookie(server.url, first[1])[0] == 200  # phones already in stay in
    finally:
        server.stop()


def test_the_room_code_opens_the_room_a_few_wrong_tries_only(room) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    code = f"code={room.info['code']}".encode()
    status, headers, _b = request(room.port, "POST", "/join", code, form)
    assert status == 303 and headers["Location"] == f"/r/{room.token}"
    wrong = "000000" if room.info["code"] != "000000" else "111111"
    for _ in range(5):
        status, _h, body = request(room.port, "POST", "/join", f"code={wrong}".encode(), form)
        assert status == 400 and b"not right" in body and room.token.encode() not in body
    status, _h, body = request(room.port, "POST", "/join", code, form)
    assert status == 429 and room.token.encode() not in body
    foreign = {**form, "Origin": "http://evil.example"}
    assert request(room.port, "POST", "/join", b"code=1", foreign)[0] == 403


def test_the_log_and_the_files_name_no_one(tmp_path) -> None:
    server = start_room(tmp_path / "workshop")
    opened = server.open_round()

    async def one() -> None:
        phone = Phone(server.url)
        await phone.join()
        await phone.ballot(opened.id, "use", 2)
        await phone.send({"type": "nonsense"})
        await phone.leave()

    in_thread(one)
    request(server.port, "GET", "/nothing/here")
    request(server.port, "POST", "/join", b"code=12", {"User-Agent": "PhoneBrowser/1.0"})
    server.stop()
    for text in (server.log(), (server.folder / "ballots.jsonl").read_text()):
        assert "127.0.0.1" not in text and "PhoneBrowser" not in text
        assert server.token not in text
