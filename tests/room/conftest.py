"""Real room servers, in processes of their own, over real room folders.

The browser is the run's one (``tests/conftest.py``); phones scripted with
:class:`journeylab.room.phone.Phone` run on an event loop in a thread of their own, apart
from Playwright's.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from journeylab.room.places import SERVER_FILE, room_folder
from journeylab.room.rounds import Round, RoundItem, new_round_id, write_round
from journeylab.room.serve import command
from tests.browser.conftest import ARTIFACTS

STAGES = [("discover", "Discover"), ("compare", "Compare"), ("apply", "Apply"),
          ("wait", "Wait for the answer"), ("sign", "Sign"), ("use", "Use")]


@dataclass
class RoomServer:
    """A room server process started for a test."""

    workshop: Path
    folder: Path
    process: subprocess.Popen
    info: dict

    @property
    def url(self) -> str:
        return self.info["urls"][0]

    @property
    def port(self) -> int:
        return self.info["port"]

    @property
    def token(self) -> str:
        return self.info["token"]

    def open_round(self, **changes: Any) -> Round:
        """Write a round as the facilitator's kernel does, and give the server time to see it."""
        values = {"id": new_round_id(), "kind": "emotions", "question": "How does Ana feel?",
                  "language": "en", "opened_at": time.time(),
                  "items": [RoundItem(id=i, label=label) for i, label in STAGES], **changes}
        written = Round(**values)
        write_round(self.folder, written)
        time.sleep(0.6)  # the server looks every 0.2 s, and tells the phones 0.25 s later
        return written

    def log(self) -> str:
        return (self.workshop / "room-server.log").read_text("utf-8", errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


def start_room(workshop: Path, *arguments: str, port: int = 0) -> RoomServer:
    """Start a room server for ``workshop`` and wait until it says where it listens."""
    workshop.mkdir(parents=True, exist_ok=True)
    folder = room_folder(workshop)
    line = [*command(workshop, port=port), *arguments]
    with (workshop / "room-server.log").open("ab") as log:
        process = subprocess.Popen(line, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            info = json.loads((folder / SERVER_FILE).read_text("utf-8"))
            if info["pid"] == process.pid:
                return RoomServer(workshop, folder, process, info)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError("the room server did not start:\n"
                       + (workshop / "room-server.log").read_text(errors="replace"))


@pytest.fixture
def room(tmp_path) -> Iterator[RoomServer]:
    """A room server over a fresh workshop folder."""
    server = start_room(tmp_path / "workshop")
    yield server
    server.stop()


def in_thread(work: Callable[[], Any], timeout: float = 120) -> Any:
    """Run the coroutine ``work()`` on an event loop of its own thread; its result."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(work())
        except BaseException as error:  # noqa: BLE001  (raised again in the test's thread)
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the phones did not finish in time"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One raw HTTP request to the room (the path sent exactly as given)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
