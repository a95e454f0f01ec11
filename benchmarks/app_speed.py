"""How long the facilitator waits: from the first command to a live form, and from a click on
a step to its form, in a real browser.

1. ``make start`` (warm setup) until the app's form is live in Chromium, next to JupyterLab's
   own start (``jupyter lab`` until its launcher page is shown) on the same machine.
2. A click on a step in the step bar until that step's form is on the screen, on the large
   benchmark workshop (12 stages, 200 touchpoints, 8 personas, 30 participants), each step
   opened for the first time in a fresh page. Goal: p95 ≤ 2 s.

Run: ``make bench`` or ``python benchmarks/app_speed.py [runs]``. Needs Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from playwright.sync_api import sync_playwright

from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile

ROOT = Path(__file__).parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def project(folder: Path, workshop: str | None = None) -> tuple[Path, dict[str, str]]:
    """A copy of the project's notebooks and workshops, and an environment remembering English."""
    shutil.copytree(ROOT / "notebooks", folder / "notebooks")
    shutil.copytree(ROOT / "workshops", folder / "workshops")
    if workshop:
        WorkshopFile.create(folder / "workshops" / workshop, large_workshop())
        (folder / "workshops" / ".current").write_text(workshop + "\n")
    config = folder / "config"
    config.mkdir()
    (config / "preferences.json").write_text(json.dumps({"language": "en", "mode": "room"}))
    token = uuid.uuid4().hex
    return folder, {**os.environ, "JUPYTER_TOKEN": token, "JOURNEYLAB_CONFIG_DIR": str(config)}


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def first_command_to_live_form(browser, folder: Path, lab: bool) -> float:
    """Seconds from starting the server to a live form (app) or the launcher (JupyterLab)."""
    root, environment = project(folder)
    port, token = free_port(), environment["JUPYTER_TOKEN"]
    if lab:
        command = [str(ROOT / ".venv" / "bin" / "jupyter"), "lab", "--no-browser",
                   "--allow-root", f"--port={port}", f"--ServerApp.root_dir={root}"]
    else:
        command = ["make", "-s", "-C", str(ROOT), "start",
                   f"START_ARGS=--no-browser --port {port} --root {root}"]
    started = time.perf_counter()
    server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/status?token={token}")
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        if lab:
            page.goto(f"http://127.0.0.1:{port}/lab?token={token}")
            page.wait_for_selector(".jp-Launcher", timeout=120_000)
        else:
            page.goto(f"http://127.0.0.1:{port}/journeylab/?token={token}")
            page.wait_for_selector(".journeylab-stepbar", timeout=120_000)
            page.wait_for_selector(".journeylab-app select", timeout=120_000)
        took = time.perf_counter() - started
        page.close()
        return took
    finally:
        stop(server)


def step_opening_times(browser, folder: Path, runs: int) -> dict[int, list[float]]:
    """Seconds from a click on step N to its form, N = 2…8, each in a fresh page."""
    root, environment = project(folder, workshop="large-benchmark")
    port, token = free_port(), environment["JUPYTER_TOKEN"]
    server = subprocess.Popen(
        ["make", "-s", "-C", str(ROOT), "start",
         f"START_ARGS=--no-browser --port {port} --root {root}"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    times: dict[int, list[float]] = {number: [] for number in range(2, 9)}
    try:
        wait_for(f"http://127.0.0.1:{port}/api/status?token={token}")
        for _run in range(runs):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/journeylab/?token={token}")
            page.wait_for_selector(".journeylab-stepbar", timeout=120_000)
            page.wait_for_function("() => document.querySelector('.journeylab-where')"
                                   " && document.querySelector('.journeylab-where')"
                                   ".textContent.includes('Step 1 of 8')", timeout=120_000)
            for number in times:
                started = time.perf_counter()
                page.click(f".journeylab-step-{number}")
                page.wait_for_function(
                    "n => document.querySelector('.journeylab-where').textContent"
                    ".includes(`Step ${n} of 8`)", arg=number, timeout=60_000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() =>"
                              " requestAnimationFrame(r)))")
                times[number].append(time.perf_counter() - started)
            page.close()
    finally:
        stop(server)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(runs: int = 5) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        app, lab = [], []
        for _run in range(max(runs // 2, 2)):
            with tempfile.TemporaryDirectory() as folder:
                app.append(first_command_to_live_form(browser, Path(folder), lab=False))
            with tempfile.TemporaryDirectory() as folder:
                lab.append(first_command_to_live_form(browser, Path(folder), lab=True))
        print("first command to a live form (warm setup), median of", len(app), "runs")
        print(f"  make start → the app's form live      {statistics.median(app):6.1f} s")
        print(f"  jupyter lab → its launcher shown       {statistics.median(lab):6.1f} s")
        with tempfile.TemporaryDirectory() as folder:
            times = step_opening_times(browser, Path(folder), runs)
        print(f"\nclick on a step → its form, large workshop, {runs} fresh pages (goal p95 ≤ 2 s)")
        print(f"  {'step':<6}{'p50 s':>8}{'p95 s':>8}")
        for number, values in times.items():
            print(f"  {number:<6}{statistics.median(values):8.2f}{percentile(values, 0.95):8.2f}")
        every = [v for values in times.values() for v in values]
        print(f"  {'all':<6}{statistics.median(every):8.2f}{percentile(every, 0.95):8.2f}")
        browser.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
