"""The room while its server runs: the current round, the ballot log, and who listens.

Everything here runs on the server's one event loop, so the state needs no locks; only the
``fsync`` that makes ballots durable runs on a thread of its own, and one ``fsync`` covers
every ballot written while the previous one ran (a busy room waits for the disk once per
batch, not once per tap).
"""

from __future__ import annotations

import asyncio
import functools
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .ballots import BallotLog
from .devices import device_key
from .limits import TokenBucket
from .places import BALLOT_FILE, ROUND_FILE
from .rounds import Round, read_round
from .view import check_ballot, public_view, results
from .words import page_words, refusal

#: How long phones may wait for the room's news after a change: results follow taps at this
#: pace instead of one message per tap to every phone.
BROADCAST_DELAY = 0.25

_words = functools.lru_cache(maxsize=8)(page_words)


class DiskFailed(Exception):
    """The ballot log could not be made durable."""


class Room:
    """One workshop's live room: applies ballots and tells the phones what changed."""

    def __init__(self, folder: Path, secret: bytes, max_devices: int = 300) -> None:
        self.folder, self.secret, self.max_devices = folder, secret, max_devices
        self.log = BallotLog(folder / BALLOT_FILE)
        self.round: Round | None = read_round(folder)
        self._round_stamp = self._stamp()
        self.version = 1
        self.devices: set[str] = set()
        self.names: dict[str, str] = {}  # device id -> participant id, from "hello"
        self.taps = TokenBucket(rate=10, burst=20)
        self.listeners: set[Callable[[], None]] = set()
        self._waiting: list[asyncio.Future] = []
        self._broadcast: asyncio.TimerHandle | None = None
        self._disk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ballot-fsync")
        self._durable = self.log.seq
        self._syncing: asyncio.Task | None = None
        self._sync_waiters: list[tuple[int, asyncio.Future]] = []

    # --- devices -------------------------------------------------------------------------

    def admit(self, device_id: str | None) -> bool:
        """Whether a phone may join: one already known, or a new one while there is room."""
        if device_id in self.devices:
            return True
        if len(self.devices) >= self.max_devices:
            return False
        if device_id is not None:
            self.devices.add(device_id)
        return True

    def _key(self, device_id: str) -> str:
        assert self.round is not None
        return device_key(self.secret, device_id, self.round.id, self.round.anonymous)

    def name_of(self, device_id: str) -> str | None:
        """The participant a phone answers as in the current round (named rounds only)."""
        if self.round is None or self.round.anonymous:
            return None
        chosen = self.names.get(device_id) or self.log.names(self.round.id).get(
            self._key(device_id))
        return chosen if chosen in {p.id for p in self.round.participants} else None

    # --- the round -----------------------------------------------------------------------

    def _stamp(self) -> tuple | None:
        try:
            status = os.stat(self.folder / ROUND_FILE)
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size, status.st_ino

    def poll_round(self) -> None:
        """Read ``round.json`` again if it changed, and tell the phones."""
        stamp = self._stamp()
        if stamp == self._round_stamp:
            return
        self._round_stamp = stamp
        found = read_round(self.folder)
        if found is None and stamp is not None:
            return  # unreadable: keep showing the last good round
        if found != self.round:
            self.round = found
            self.changed()

    def changed(self) -> None:
        """Something every phone sees has changed: tell them soon, in one go."""
        self.version += 1
        if self._broadcast is None:
            self._broadcast = asyncio.get_running_loop().call_later(BROADCAST_DELAY,
                                                                   self._tell_everyone)

    def _tell_everyone(self) -> None:
        self._broadcast = None
        for listener in list(self.listeners):
            listener()
        self.wake()

    def wake(self) -> None:
        """Answer every long-poll now (with news, or on stopping with what there is)."""
        waiting, self._waiting = self._waiting, []
        for future in waiting:
            if not future.done():
                future.set_result(None)

    async def wait_for_change(self, since: int, seconds: float) -> None:
        """Return when the version moves past ``since``, or after ``seconds``."""
        if since != self.version:
            return
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        try:
            await asyncio.wait_for(asyncio.shield(future), seconds)
        except TimeoutError:
            pass

    def state(self, device_id: str) -> dict:
        """The message that brings one phone up to date."""
        round = self.round
        message = {"type": "state", "version": self.version, "seq": self.log.seq,
                   "now": time.time(), "round": None, "mine": {}, "results": None,
                   "name": None, "words": _words(round.language if round else "en")}
        if round is not None:
            message.update(round=public_view(round),
                           mine=self.log.device_answers(round.id, self._key(device_id)),
                           results=results(round, self.log.answers(round.id)),
                           name=self.name_of(device_id))
        return message

    # --- messages from phones ------------------------------------------------------------

    async def handle(self, device_id: str, message: object) -> dict:
        """Answer one message from a phone: a ``hello`` or a ``ballot``."""
        language = self.round.language if self.round else "en"
        ballot_id = message.get("id") if isinstance(message, dict) else None
        ballot_id = ballot_id if isinstance(ballot_id, str) and len(ballot_id) <= 64 else None
        if not self.taps.allow(device_id):
            return {"type": "refused", "id": ballot_id, "message": refusal("fast", language)}
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "hello":
            return self._hello(device_id, message)
        if kind != "ballot":
            return {"type": "refused", "id": ballot_id, "message": refusal("bad", language)}
        round = self.round
        key = self._key(device_id) if round else ""
        if round is not None and isinstance(ballot_id, str):
            first = self.log.seen(round.id, key, ballot_id)
            if first is not None:  # a resend: the same answer again, already counted
                return await self._acknowledge(ballot_id, first)
        name = self.name_of(device_id)
        mine = self.log.device_answers(round.id, key) if round else {}
        reason = check_ballot(round, message, mine, name)
        if reason:
            return {"type": "refused", "id": ballot_id, "message": refusal(reason, language)}
        seq, _written = self.log.write(round.id, key, name, message["item"], message["value"],
                                       ballot_id)
        if round.reveal:
            self.changed()
        return await self._acknowledge(ballot_id, seq)

    def _hello(self, device_id: str, message: dict) -> dict:
        name = message.get("name")
        if isinstance(name, str) and self.round is not None and not self.round.anonymous \
                and name in {p.id for p in self.round.participants}:
            self.names[device_id] = name
        return self.state(device_id)

    async def _acknowledge(self, ballot_id: str, seq: int) -> dict:
        try:
            await self.durable(seq)
        except DiskFailed:
            language = self.round.language if self.round else "en"
            return {"type": "refused", "id": ballot_id, "message": refusal("disk", language)}
        return {"type": "ack", "id": ballot_id, "seq": seq}

    # --- durability ----------------------------------------------------------------------

    async def durable(self, seq: int) -> None:
        """Return once ballot ``seq`` is on disk (``fsync`` shared with the ballots around it)."""
        if seq <= self._durable:
            return
        future = asyncio.get_running_loop().create_future()
        self._sync_waiters.append((seq, future))
        if self._syncing is None or self._syncing.done():
            self._syncing = asyncio.create_task(self._sync())
        await future

    async def _sync(self) -> None:
        loop = asyncio.get_running_loop()
        while self._sync_waiters:
            target = self.log.seq
            try:
                await loop.run_in_executor(self._disk, self.log.sync)
            except OSError:
                failed, self._sync_waiters = self._sync_waiters, []
                for _seq, future in failed:
                    if not future.done():
                        future.set_exception(DiskFailed())
                return
            self._durable = max(self._durable, target)
            waiting, self._sync_waiters = self._sync_waiters, []
            for seq, future in waiting:
                if seq <= self._durable:
                    if not future.done():
                        future.set_result(None)
                else:
                    self._sync_waiters.append((seq, future))

    def close(self) -> None:
        """Stop the disk thread and close the log."""
        if self._broadcast is not None:
            self._broadcast.cancel()
        self._disk.shutdown(wait=True)
        self.log.close()
