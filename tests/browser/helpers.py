"""Small helpers the browser tests share."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def poll(read: Callable[[], Any], wanted: Callable[[Any], bool], seconds: float = 10) -> Any:
    """``read()`` once ``wanted`` holds for it, or its last value after ``seconds``.

    The kernel saves a moment after the click reaches it; a file being replaced may be
    missing or unreadable for an instant.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            value = read()
        except (FileNotFoundError, json.JSONDecodeError):
            value = None
        if value is not None and wanted(value):
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def journey(folder: Path) -> dict:
    """The workshop file of ``folder`` as plain JSON, as an outside reader sees it."""
    return json.loads((folder / "journey.json").read_text(encoding="utf-8"))


def persona_named(data: dict, name: str) -> dict | None:
    """The persona called ``name`` in workshop ``data``, if there is one."""
    return next((p for p in data["personas"] if p["name"] == name), None)


def wait_for_an_empty_story(page) -> None:
    """Until the story box shows the persona just added: enabled and empty."""
    page.wait_for_function(
        "() => { const s = document.querySelector('.journeylab-field-story textarea');"
        " return s && !s.disabled && s.value === ''; }", timeout=10_000)
