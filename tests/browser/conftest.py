"""A real JupyterLab for the tests in this folder; the run's Chromium (``browser``) and the
rule for a missing one are in ``tests/conftest.py`` and :mod:`tests.chromium`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from journeylab.server.guided import runs_on_opening

ROOT = Path(__file__).parents[2]
KERNEL_IDLE = ("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
               " const k = w && w.sessionContext && w.sessionContext.session"
               " && w.sessionContext.session.kernel; return !!k && k.status === 'idle'; }")
ARTIFACTS = ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    """A JupyterLab server started for the tests, serving a copy of the project."""

    def __init__(self, root: Path, port: int, token: str) -> None:
        self.root, self.port, self.token = root, port, token

    def url(self, notebook: str) -> str:
        """The address that opens ``notebook`` (relative to the served root) on its own.

        Each visit gets a fresh workspace: the default one would bring back the tabs earlier
        tests left open, and a hidden copy of a form could answer in place of this one.
        """
        return (f"http://127.0.0.1:{self.port}/lab/workspaces/{uuid.uuid4().hex[:12]}/tree/"
                f"{notebook}?reset&token={self.token}")

    def use_workshop(self, name: str, source: str | None = "mortgage-journey") -> Path:
        """A workshop folder of the test's own (a copy of demo ``source``), made current."""
        target = self.root / "workshops" / name
        shutil.rmtree(target, ignore_errors=True)
        if source:
            shutil.copytree(ROOT / "workshops" / source, target)
        from journeylab.forms.session import remember_workshop

        # the kernels keep their preferences in the tests' folder: this person's choice
        remember_workshop(target)
        return target

    def run_notebook(self, page, notebook: str) -> None:
        """Open ``notebook`` in ``page``, wait for its kernel, and run every cell.

        A guided notebook runs by itself as it opens; running it again would race that run.
        """
        page.goto(self.url(notebook))
        page.wait_for_selector(".jp-Notebook:visible", timeout=60_000)
        if not runs_on_opening(nbformat.read(self.root / notebook, as_version=4)):
            page.wait_for_function(KERNEL_IDLE, timeout=60_000)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(".jp-OutputArea-output", timeout=60_000)


def _serve(command: list[str], root: Path, ready_url: str) -> subprocess.Popen:
    """Start a server in ``root`` and wait until ``ready_url`` answers."""
    log = (root / "server.log").open("ab")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    log.close()
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(ready_url, timeout=2):
                return server
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                _stop(server)
                log_tail = (root / "server.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the server did not start:\n{log_tail}") from error
            time.sleep(0.3)


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def _copy_project(root: Path) -> None:
    for folder in ("notebooks", "workshops"):
        shutil.copytree(ROOT / folder, root / folder)


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 over a copy of ``notebooks/`` and ``workshops/``."""
    root = tmp_path_factory.mktemp("lab")
    _copy_project(root)
    port, token = _free_port(), uuid.uuid4().hex
    server = _serve(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ip=127.0.0.1", f"--port={port}", f"--ServerApp.root_dir={root}",
         f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
         f"--LabApp.workspaces_dir={root / '.workspaces'}"],
        root, f"http://127.0.0.1:{port}/api/status?token={token}")
    try:
        yield Lab(root, port, token)
    finally:
        _stop(server)


@pytest.fixture(scope="session")
def voila(tmp_path_factory) -> Iterator[Lab]:
    """Voila serving the guided notebooks as apps, with idle kernels culled as `make app` does."""
    root = tmp_path_factory.mktemp("voila")
    _copy_project(root)
    port = _free_port()
    server = _serve(
        [sys.executable, "-m", "voila", "notebooks/", "--no-browser", "--Voila.ip=127.0.0.1",
         f"--port={port}", "--MappingKernelManager.cull_idle_timeout=600",
         "--MappingKernelManager.cull_interval=60"],
        root, f"http://127.0.0.1:{port}/")
    try:
        yield Lab(root, port, "")
    finally:
        _stop(server)


@pytest.fixture
def page(browser, request):
    """A fresh browser page; a screenshot of it is kept in ``test-artifacts/``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
