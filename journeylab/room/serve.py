"""Run the room server: ``python -m journeylab.room --workshop FOLDER [--lan] [--port N]``.

Configured by its arguments and the environment only (``JUPYTERHUB_SERVICE_PREFIX`` puts
it under a JupyterHub service's address), so the facilitator's kernel, the command line and
a hub can all start it the same way. Once it listens it writes ``server.json`` in the room
folder; SIGTERM or SIGINT stop it cleanly and remove that file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import logging
import os
import re
import signal
import socket
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tornado import httpserver, ioloop, netutil, web

from ..errors import JourneyLabError
from ..i18n import _
from .devices import room_code, room_token
from .handlers import MAX_MESSAGE, NotFound, routes
from .hub import Room
from .places import SERVER_FILE, room_folder, room_secret, write_json

PREFIX_ENV = "JUPYTERHUB_SERVICE_PREFIX"
LOCK_FILE = "server.lock"
log = logging.getLogger("journeylab.room")


def command(workshop_folder: Path, lan: bool = False, port: int = 0,
            max_devices: int = 300, idle_minutes: float = 0) -> list[str]:
    """The command that starts a room server for ``workshop_folder`` in a process of its own."""
    line = [sys.executable, "-m", "journeylab.room", "--workshop", str(workshop_folder),
            "--port", str(port), "--max-devices", str(max_devices),
            "--idle-minutes", str(idle_minutes)]
    return [*line, "--lan"] if lan else line


def _busy(room: Room) -> bool:
    """Whether the room is in use: a round open, or a phone connected."""
    return bool(room.listeners) or (room.round is not None and room.round.state == "open")


def url_prefix() -> str:
    """``/``, or the JupyterHub service's prefix with one slash at each end."""
    prefix = os.environ.get(PREFIX_ENV, "").strip("/")
    return f"/{prefix}/" if prefix else "/"


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses a phone on the same network can reach."""
    found: list[str] = []
    try:
        import psutil

        for addresses in psutil.net_if_addrs().values():
            found += [a.address for a in addresses if a.family == socket.AF_INET]
    except ImportError:
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) \
                as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: it only picks a route
            found.append(probe.getsockname()[0])
    return [a for a in dict.fromkeys(found)
            if not a.startswith(("127.", "169.254.")) and a != "0.0.0.0"]


class _NoAddresses(logging.Filter):
    """Keeps addresses out of the log: tornado names the client in some of its messages."""

    _ADDRESS = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b",
                          re.IGNORECASE)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._ADDRESS.sub("<address>", record.getMessage())
        record.args = ()
        record.exc_info = record.exc_text = None  # a traceback may quote a request
        return True


def _quiet_logs() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_NoAddresses())
    handler.setFormatter(logging.Formatter("%(asctime)s room: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


def _lock(folder: Path) -> int:
    """Hold the room's lock while this server runs: one writer of the ballot log, ever."""
    handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise JourneyLabError(_("A room server already runs for this workshop.")) from None
    return handle


async def serve(workshop: Path, lan: bool = False, port: int = 0, max_devices: int = 300,
                on_listening: Callable[[dict], None] | None = None,
                idle_minutes: float = 0) -> None:
    """Serve the room of ``workshop`` until SIGTERM or SIGINT, or until it has been idle (no
    round open, no phone connected) for ``idle_minutes`` (0: never)."""
    folder = room_folder(workshop)
    lock = _lock(folder)
    secret = room_secret(folder)
    room = Room(folder, secret, max_devices=max_devices)
    prefix, token, code = url_prefix(), room_token(secret), room_code(secret)
    app = web.Application(routes(room, prefix, token, code), default_handler_class=NotFound,
                          default_handler_args={"room": room, "prefix": prefix, "token": token,
                                                "code": code, "tries": None},
                          cookie_secret=secret.hex(), websocket_max_message_size=MAX_MESSAGE,
                          websocket_ping_interval=20, log_function=lambda handler: None,
                          xsrf_cookies=False, compress_response=False)
    sockets = netutil.bind_sockets(port, "0.0.0.0" if lan else "127.0.0.1",
                                   family=socket.AF_INET)
    server = httpserver.HTTPServer(app, max_body_size=4 * MAX_MESSAGE, idle_connection_timeout=60)
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    hosts = [*lan_addresses(), "127.0.0.1"] if lan else ["127.0.0.1"]
    info = {"pid": os.getpid(), "port": port, "token": token, "code": code,
            "urls": [f"http://{host}:{port}{prefix}r/{token}" for host in hosts], "lan": lan,
            "started": time.time()}
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    busy_at = time.monotonic()

    def look() -> None:
        nonlocal busy_at
        room.poll_round()
        if _busy(room):
            busy_at = time.monotonic()
        elif idle_minutes and time.monotonic() - busy_at > 60 * idle_minutes:
            stop.set()  # a room server left behind by a closed app does not run for ever

    watcher = ioloop.PeriodicCallback(look, 200)
    watcher.start()
    write_json(folder / SERVER_FILE, info)
    try:
        if on_listening:
            on_listening(info)
        await stop.wait()
    finally:
        watcher.stop()
        server.stop()
        for listener in list(room.listeners):  # close the phones' channels: they reconnect
            owner = getattr(listener, "__self__", None)
            if owner is not None:
                owner.close(1001)
        room.wake()
        await server.close_all_connections()
        room.close()
        # the address goes last, just before the lock: once it is gone, a new server for
        # this workshop can start at once
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / SERVER_FILE)
        os.close(lock)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The server's arguments."""
    parser = argparse.ArgumentParser(prog="python -m journeylab.room",
                                     description=_("Serve the live room of a workshop to "
                                                   "participants' phones."))
    parser.add_argument("--workshop", required=True, type=Path,
                        help=_("the workshop folder"))
    parser.add_argument("--lan", action="store_true",
                        help=_("let phones on this network join (default: this machine only)"))
    parser.add_argument("--port", type=int, default=0,
                        help=_("the port to serve on (default: any free one)"))
    parser.add_argument("--max-devices", type=int, default=300,
                        help=_("how many phones may join (default: %(default)s)"))
    parser.add_argument("--idle-minutes", type=float, default=0,
                        help=_("stop after this many minutes with no round open and no "
                               "phone connected (default: never)"))
    return parser.parse_args(argv)


def run(workshop: Path, lan: bool = False, port: int = 0, max_devices: int = 300,
        on_listening: Callable[[dict], None] | None = None, idle_minutes: float = 0) -> int:
    """Serve in the foreground until stopped; 0 on a clean stop, 1 if the room was refused."""
    _quiet_logs()
    try:
        asyncio.run(serve(workshop, lan, port, max_devices, on_listening, idle_minutes))
    except JourneyLabError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # the port is taken, the folder cannot be written
        print(_("The room cannot start: {reason}", reason=error.strerror or error),
              file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m journeylab.room``: serve until SIGTERM or SIGINT."""
    args = parse(argv)
    return run(args.workshop, args.lan, args.port, args.max_devices,
               idle_minutes=args.idle_minutes)
