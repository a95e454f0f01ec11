"""The facilitator's server started as ``journeylab start`` starts it, for real requests.

The command is the launcher's own (:func:`journeylab.launch.server_command`, which takes
its settings from :mod:`journeylab.server.settings`); a test may change a setting (a lower
cap, a quicker culling) through the options of
:func:`~journeylab.server.settings.server_arguments`, and add arguments of its own. The
token is chosen by the test and given through the environment, as the settings say.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Coroutine, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from journeylab.launch import server_command, server_environment
from journeylab.server.settings import ADDRESS, TOKEN_ENV, server_arguments

T = TypeVar("T")
ROOT = Path(__file__).parents[2]
#: How long a server may take to answer its first request.
START_SECONDS = 90


@dataclass
class Reply:
    """An answer of the server: status, headers, body."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        """The body as JSON."""
        return json.loads(self.body)


@dataclass
class AppServer:
    """A running facilitator's server over a copy of the project in :attr:`root`."""

    root: Path
    port: int
    token: str
    process: subprocess.Popen

    @property
    def origin(self) -> str:
        """The server's own origin, as its pages send it."""
        return f"http://{ADDRESS}:{self.port}"

    def authorized(self, **headers: str) -> dict[str, str]:
        """``headers`` with the token in the ``Authorization`` header."""
        return {"Authorization": f"token {self.token}", **headers}

    def request(self, method: str, path: str, headers: Mapping[str, str] | None = None,
                body: bytes | str | None = None, timeout: float = 120) -> Reply:
        """Send one request to the server, on the loopback address, and read the answer."""
        connection = http.client.HTTPConnection(ADDRESS, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=dict(headers or {}))
            answer = connection.getresponse()
            return Reply(answer.status, answer.msg, answer.read())
        finally:
            connection.close()

    def kernel_ids(self) -> list[str]:
        """The ids of the kernels running now."""
        return [k["id"] for k in self.request("GET", "/api/kernels", self.authorized()).json()]

    def log(self) -> str:
        """What the server wrote so far."""
        return (self.root / "server.log").read_text(encoding="utf-8", errors="replace")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end in an event loop of its own thread: Playwright keeps a
    loop running in the tests' thread once a browser test has run."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def copy_project(root: Path) -> Path:
    """A project folder of the test's own: the guided notebooks and the demo workshops."""
    for folder in ("notebooks", "workshops"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((ADDRESS, 0))
        return probe.getsockname()[1]


def _command(root: Path, port: int, settings: dict[str, int], extra: tuple[str, ...]
             ) -> list[str]:
    """The launcher's command, with ``settings`` in place of the defaults, and ``extra``."""
    changed = {argument.split("=", 1)[0]: argument
               for argument in server_arguments(port, root, **settings)}
    return [*(changed.get(argument.split("=", 1)[0], argument)
              for argument in server_command(root, port, open_browser=False)), *extra]


@contextlib.contextmanager
def app_server(root: Path, *extra: str, token: str | None = None,
               **settings: int) -> Iterator[AppServer]:
    """Run the facilitator's server over ``root`` until the ``with`` block ends.

    ``token`` is the one to choose (default: a random one); ``""`` chooses none, so the
    server's own settings decide. ``settings`` go to
    :func:`~journeylab.server.settings.server_arguments`; ``extra`` arguments are added.
    """
    port = _free_port()
    token = uuid.uuid4().hex if token is None else token
    environment = server_environment(token)
    if not token:
        del environment[TOKEN_ENV]
    command = _command(root, port, settings, extra)
    with (root / "server.log").open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=root,
                                   env=environment)
    server = AppServer(root, port, token, process)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def _wait_until_ready(server: AppServer) -> None:
    """Until the server answers at all (a refusal is an answer)."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            server.request("GET", "/api/status", timeout=5)
            return
        except OSError as error:
            if server.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{server.log()[-3000:]}") \
                    from error
            time.sleep(0.3)
