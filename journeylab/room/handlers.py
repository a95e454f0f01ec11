"""The room's addresses: the pages, the live channel and its long-poll fallback.

Anything not listed here is a plain 404: no directory is served, and none of Jupyter's
addresses exist on the room's port. The room's token must be in the address of everything a
participant uses; the join page trades the short room code for it, a few tries at a time.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from tornado import web, websocket

from ..i18n import LANGUAGES, language
from .devices import COOKIE, COOKIE_DAYS, new_device_id
from .hub import Room
from .limits import TriesLimit
from .pages import SECURITY_HEADERS, join_page, message_page, phone_page
from .words import join_words, page_words

STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"room.js": "application/javascript; charset=utf-8",
                "room.css": "text/css; charset=utf-8"}
#: The largest message a phone may send: a ballot is about 100 bytes.
MAX_MESSAGE = 2048
#: How long a long-poll waits for news before it answers "nothing new".
POLL_SECONDS = 25.0
HEADER = "X-JourneyLab"


class RoomHandler(web.RequestHandler):
    """What every answer of the room shares: its headers, its words, and no personal log."""

    room: Room

    def initialize(self, room: Room, prefix: str, token: str, code: str,
                   tries: TriesLimit) -> None:
        self.room, self.prefix, self.token, self.code, self.tries = (room, prefix, token,
                                                                      code, tries)

    def set_default_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def _request_summary(self) -> str:  # tornado's log line: no address, no token
        return f"{self.request.method} ({self.__class__.__name__})"

    def language(self) -> str:
        """The language of the pages around the round: the round's, else the browser's."""
        if self.room.round is not None:
            return self.room.round.language
        for part in self.request.headers.get("Accept-Language", "").split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in LANGUAGES:
                return code
        return "en"

    def words(self) -> dict:
        with language(self.language()):
            return join_words()

    def write_error(self, status_code: int, **kwargs: object) -> None:
        words = self.words()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(message_page(words["missing"], words["missing_detail"], self.language(),
                                 self.prefix))

    def token_matches(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.token.encode())

    def device_id(self) -> str | None:
        """The phone's id from its signed cookie, if it has a valid one."""
        raw = self.get_signed_cookie(COOKIE, max_age_days=COOKIE_DAYS)
        return raw.decode("ascii", "replace") if raw else None

    def same_origin(self) -> bool:
        """Whether the request's ``Origin`` (when the browser sent one) is the room's own."""
        origin = self.request.headers.get("Origin")
        return origin is None or _own_origin(origin, self.request.host)


def _own_origin(origin: str, host: str) -> bool:
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


class NotFound(RoomHandler):
    """Every address the room does not have."""

    def prepare(self) -> None:
        raise web.HTTPError(404)


class JoinPage(RoomHandler):
    """``GET /``: type the room code; ``POST /join``: trade it for the room's address."""

    def get(self) -> None:
        self.write(join_page(self.words(), self.language(), self.prefix))

    def post(self) -> None:
        words = self.words()
        client = self.request.remote_ip or "?"  # in memory only, to count wrong codes
        # a form sent from a page that sends no referrer names its origin "null"
        if self.request.headers.get("Origin") != "null" and not self.same_origin():
            raise web.HTTPError(403)
        if self.tries.blocked(client):
            self.set_status(429)
            self.write(join_page(words, self.language(), self.prefix, words["too_many"]))
            return
        typed = "".join(self.get_body_argument("code", "").split())
        if hmac.compare_digest(typed.encode(), self.code.encode()):
            self.redirect(f"{self.prefix}r/{self.token}", status=303)
            return
        self.tries.failed(client)
        self.set_status(400)
        self.write(join_page(words, self.language(), self.prefix, words["wrong"]))


class PhonePage(RoomHandler):
    """``GET /r/<token>``: the participant's page; a new phone gets its identity here."""

    def get(self, token: str) -> None:
        if not self.token_matches(token):
            raise web.HTTPError(404)
        device = self.device_id()
        if device is None or device not in self.room.devices:
            if not self.room.admit(device):
                return self._full()
            if device is None:
                device = new_device_id()
                self.room.admit(device)
                self.set_signed_cookie(COOKIE, device, expires_days=COOKIE_DAYS,
                                       httponly=True, samesite="Strict", path=self.prefix)
        round = self.room.round
        self.write(phone_page(page_words(round.language if round else self.language()),
                              self.prefix))

    def _full(self) -> None:
        words = self.words()
        self.set_status(503)
        self.write(message_page(words["full"], words["full_detail"], self.language(),
                                self.prefix))


class StaticFile(RoomHandler):
    """``room.js`` and ``room.css``, read once: a fixed list, never a folder."""

    _cache: ClassVar[dict[str, bytes]] = {}

    def get(self, name: str) -> None:
        if name not in STATIC_FILES:
            raise web.HTTPError(404)
        if name not in self._cache:
            self._cache[name] = (STATIC / name).read_bytes()
        self.set_header("Content-Type", STATIC_FILES[name])
        self.write(self._cache[name])


class _LongPoll(RoomHandler):
    """The fallback for networks that cut websockets: the same messages over plain HTTP."""

    def prepare(self) -> None:
        if not self.path_args or not self.token_matches(self.path_args[0]):
            raise web.HTTPError(404)
        # a page elsewhere cannot add this header without the room's consent (CORS), and
        # the room never consents
        if self.request.headers.get(HEADER) != "1" or not self.same_origin():
            raise web.HTTPError(403)
        self.device = self.device_id()
        if self.device is None or not self.room.admit(self.device):
            raise web.HTTPError(403)

    def reply(self, message: dict) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.write(json.dumps(message, ensure_ascii=False))


class StatePoll(_LongPoll):
    """``GET /r/<token>/state?since=<version>``: the room's news, waiting for some ≤ 25 s."""

    async def get(self, token: str) -> None:
        try:
            since = int(self.get_query_argument("since", "0"))
        except ValueError:
            since = 0
        await self.room.wait_for_change(since, POLL_SECONDS)
        if self.request.connection.stream.closed():
            return
        self.reply(self.room.state(self.device))


class BallotPost(_LongPoll):
    """``POST /r/<token>/ballot``: one ``hello`` or ``ballot`` message; its answer back."""

    async def post(self, token: str) -> None:
        if self.request.headers.get("Origin") is None:
            raise web.HTTPError(403)  # every browser names the page that posts
        if len(self.request.body) > MAX_MESSAGE:
            raise web.HTTPError(413)
        try:
            message = json.loads(self.request.body)
        except ValueError:
            message = None
        self.reply(await self.room.handle(self.device, message))


class RoomSocket(websocket.WebSocketHandler):
    """``/r/<token>/ws``: the live channel, one per phone."""

    def initialize(self, room: Room, prefix: str, token: str, **_: object) -> None:
        self.room, self.prefix, self.token = room, prefix, token
        self.device: str | None = None

    def _request_summary(self) -> str:
        return f"{self.request.method} (RoomSocket)"

    def set_default_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def check_origin(self, origin: str) -> bool:
        return _own_origin(origin, self.request.host)

    async def get(self, token: str) -> None:
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            self.set_status(404)
            self.finish()
            return
        raw = self.get_signed_cookie(COOKIE, max_age_days=COOKIE_DAYS)
        self.device = raw.decode("ascii", "replace") if raw else None
        if self.device is None or not self.room.admit(self.device):
            self.set_status(403)
            self.finish()
            return
        await super().get(token)

    def open(self, token: str) -> None:
        self.room.listeners.add(self.send_state)

    def send_state(self) -> None:
        self._send(self.room.state(self.device))

    def _send(self, message: dict) -> None:
        try:
            self.write_message(json.dumps(message, ensure_ascii=False))
        except websocket.WebSocketClosedError:
            self.room.listeners.discard(self.send_state)

    async def on_message(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            message = None
        answer = await self.room.handle(self.device, message)
        self._send(answer)
        if answer["type"] == "refused":  # bring the phone back to what the room holds
            self.send_state()

    def on_close(self) -> None:
        self.room.listeners.discard(self.send_state)


def routes(room: Room, prefix: str, token: str, code: str) -> list:
    """The room's addresses under ``prefix`` (``/`` or a JupyterHub service's prefix)."""
    given = {"room": room, "prefix": prefix, "token": token, "code": code,
             "tries": TriesLimit(tries=5, seconds=600)}
    return [
        (rf"{prefix}", JoinPage, given),
        (rf"{prefix}join", JoinPage, given),
        (rf"{prefix}static/([a-z]+\.(?:js|css))", StaticFile, given),
        (rf"{prefix}r/([A-Za-z0-9_-]+)", PhonePage, given),
        (rf"{prefix}r/([A-Za-z0-9_-]+)/ws", RoomSocket, given),
        (rf"{prefix}r/([A-Za-z0-9_-]+)/state", StatePoll, given),
        (rf"{prefix}r/([A-Za-z0-9_-]+)/ballot", BallotPost, given),
    ]
