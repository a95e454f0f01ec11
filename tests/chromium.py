"""Debian's Chromium for every test that drives a browser, and the rule for when it is missing.

Without Chromium or Playwright the tests skip and say why; with
``JOURNEYLAB_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails instead, so CI
never passes without running them. One process can drive only one synchronous Playwright, so
the whole run shares one browser (the ``browser`` fixture in ``tests/conftest.py``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's Chromium, or one named by ``JOURNEYLAB_CHROMIUM``."""
    for candidate in (os.environ.get("JOURNEYLAB_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def missing(reason: str) -> None:
    """Skip for ``reason``; where browser tests are required (CI), fail instead."""
    if os.environ.get("JOURNEYLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless Chromium driven by Playwright, closed at the end of the block."""
    executable = chromium_path()
    if executable is None:
        missing("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()
