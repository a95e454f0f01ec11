"""The facilitator's side of the room: start the room server, find it again, stop it.

The room server is a process of its own (``python -m journeylab.room``), so participants
never reach the facilitator's kernels or files, and it outlives a restarted kernel: a form
that opens a round first looks for the server this workshop already has (its
``server.json``, a live process, a port that answers) and starts one only if there is none.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import JourneyLabError
from ..i18n import _
from .places import SERVER_FILE, room_folder, server_info
from .serve import command

LOG_FILE = "server.log"
#: How long a room server may take to listen before the form says it did not start.
START_SECONDS = 30.0
#: A room server the form started stops by itself after this long with no round open and no
#: phone connected: the app may be long closed, and the next round starts a new one.
IDLE_MINUTES = 120
#: The servers this process started, kept so they are reaped when they stop (and never
#: reported as left running when the kernel's objects are collected).
_STARTED: dict[Path, subprocess.Popen] = {}


@dataclass(frozen=True)
class RoomServer:
    """A running room server, as its ``server.json`` describes it."""

    folder: Path
    pid: int
    port: int
    token: str
    code: str
    urls: tuple[str, ...]
    lan: bool

    @property
    def url(self) -> str:
        """The address to show first: a local network one when the room is open to it."""
        return self.urls[0]


def running(workshop: Path) -> RoomServer | None:
    """The room server of ``workshop`` if one is running and answers, else ``None``."""
    folder = room_folder(workshop)
    started = _STARTED.get(folder)
    if started is not None and started.poll() is not None:  # reaped: its pid means nothing
        del _STARTED[folder]
    data = server_info(folder)
    try:
        server = RoomServer(folder, int(data["pid"]), int(data["port"]), str(data["token"]),
                            str(data["code"]), tuple(data["urls"]), bool(data["lan"]))
    except (KeyError, TypeError, ValueError):
        return None
    return server if server.urls and _answers(server.port) else None


def start(workshop: Path, lan: bool = False) -> RoomServer:
    """The room server of ``workshop``: the one running, or a new one (``lan``: open to the
    local network). A running one that listens on the other side is restarted."""
    found = running(workshop)
    if found is not None and found.lan == lan:
        return found
    if found is not None:
        stop(workshop)
    folder = room_folder(workshop)
    (folder / SERVER_FILE).unlink(missing_ok=True)
    with (folder / LOG_FILE).open("ab") as log:
        process = subprocess.Popen(command(workshop, lan=lan, idle_minutes=IDLE_MINUTES), stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    _STARTED[folder] = process
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        found = running(workshop)
        if found is not None:
            return found
        if process.poll() is not None:
            break
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    process.wait()
    _STARTED.pop(folder, None)
    raise JourneyLabError(_("The room could not be opened: its server did not start. What it "
                            "said is in {log}.", log=folder / LOG_FILE))


def stop(workshop: Path) -> bool:
    """Stop the room server of ``workshop``; whether one was running."""
    found = running(workshop)
    started = _STARTED.pop(room_folder(workshop), None)
    if found is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(found.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while server_info(found.folder) is not None and time.monotonic() < deadline:
            if started is not None and started.poll() is not None:
                break
            time.sleep(0.05)
    if started is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            started.wait(timeout=5)
        if started.returncode is None:
            started.kill()
            started.wait()
    return found is not None


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port),
                                                                timeout=0.5):
        return True
    return False
