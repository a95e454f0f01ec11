"""A scripted phone: joins a room the way a participant's browser does, over a websocket.

For checking that a room works before a workshop, for the tests and for the benchmark. It
speaks the same messages as ``room.js``: ``hello`` and ``ballot`` out, ``state``, ``ack`` and
``refused`` back.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import urllib.request
from urllib.parse import urlsplit

from tornado import httpclient, websocket

from .devices import COOKIE


def fetch_cookie(page_url: str, cookie: str | None = None) -> tuple[int, str | None]:
    """Open the room's page like a browser: its status and the device cookie it hands out."""
    request = urllib.request.Request(page_url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        with error:
            return error.code, cookie
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith(COOKIE + "="):
            return status, value.split(";", 1)[0]
    return status, cookie


class Phone:
    """One participant's phone in the room at ``page_url`` (``http://host:port/r/<token>``)."""

    def __init__(self, page_url: str, cookie: str | None = None,
                 name: str | None = None) -> None:
        self.page_url, self.cookie, self.name = page_url.rstrip("/"), cookie, name
        self.state: dict | None = None
        self._socket: websocket.WebSocketClientConnection | None = None
        self._waiting: dict[str, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None
        self._news = asyncio.Event()

    async def join(self) -> None:
        """Get a device cookie (if this phone has none) and open the live channel."""
        if self.cookie is None:
            status, self.cookie = await asyncio.to_thread(fetch_cookie, self.page_url)
            if status != 200 or self.cookie is None:
                raise ConnectionRefusedError(f"the room answered {status}")
        parts = urlsplit(self.page_url)
        request = httpclient.HTTPRequest(
            f"ws://{parts.netloc}{parts.path}/ws",
            headers={"Cookie": self.cookie, "Origin": f"{parts.scheme}://{parts.netloc}"})
        self._socket = await websocket.websocket_connect(request)
        self._reader = asyncio.create_task(self._read())
        await self.send({"type": "hello", "name": self.name})
        await self.news(since=0)

    async def _read(self) -> None:
        while self._socket is not None:
            raw = await self._socket.read_message()
            if raw is None:
                break
            message = json.loads(raw)
            if message["type"] == "state":
                self.state = message
                self._news.set()
            future = self._waiting.pop(message.get("id") or "", None)
            if future is not None and not future.done():
                future.set_result(message)
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(ConnectionError("the room closed the channel"))

    async def send(self, message: dict) -> None:
        """Send one message as it is."""
        assert self._socket is not None
        await self._socket.write_message(json.dumps(message))

    async def ballot(self, round_id: str, item: str, value: int | None,
                     ballot_id: str | None = None, timeout: float = 30) -> dict:
        """Answer ``item`` with ``value``; the room's ``ack`` or ``refused``."""
        ballot_id = ballot_id or secrets.token_urlsafe(9)
        future = asyncio.get_running_loop().create_future()
        self._waiting[ballot_id] = future
        await self.send({"type": "ballot", "id": ballot_id, "round": round_id, "item": item,
                         "value": value})
        return await asyncio.wait_for(future, timeout)

    async def news(self, since: int | None = None, timeout: float = 10) -> dict:
        """The first state message newer than version ``since`` (default: the one held)."""
        if since is None:
            since = self.state["version"] if self.state else 0
        deadline = asyncio.get_running_loop().time() + timeout
        while self.state is None or self.state["version"] <= since:
            self._news.clear()
            await asyncio.wait_for(self._news.wait(),
                                   max(0.01, deadline - asyncio.get_running_loop().time()))
        return self.state

    async def leave(self) -> None:
        """Close the live channel."""
        protocol = None
        if self._socket is not None:
            socket, self._socket = self._socket, None
            protocol = socket.protocol
            socket.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, ConnectionError, websocket.WebSocketClosedError):
                pass
        # the channel says it is closed as soon as the room's goodbye arrives, a moment
        # before its socket is: close that too, so nothing is left open behind the phone
        stream = getattr(protocol, "stream", None)
        if stream is not None and not stream.closed():
            stream.close()
