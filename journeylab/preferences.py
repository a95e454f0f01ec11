"""What one person's JourneyLab remembers between days: the language last used, room mode,
the workshop last opened in each folder of workshops.

Kept per user, not per project folder, in ``$JOURNEYLAB_CONFIG_DIR/preferences.json``
(default ``$XDG_CONFIG_HOME/journeylab`` or ``~/.config/journeylab``), so two colleagues who
share a folder of workshops do not overwrite each other's choices. The file is small, written
atomically, and a missing, broken or unreadable one means the defaults: preferences are never
worth an error on a facilitator's screen.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

CONFIG_ENV = "JOURNEYLAB_CONFIG_DIR"
FILE_NAME = "preferences.json"
#: Every preference and its value for someone who has chosen nothing yet.
DEFAULTS: dict[str, Any] = {"language": None, "mode": "room", "workshops": {}}
MODES = ("room", "compact")


def folder() -> Path:
    """The folder that holds this user's preferences."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "journeylab"


def load() -> dict[str, Any]:
    """This user's preferences, with defaults for whatever is missing or not understood."""
    try:
        stored = json.loads((folder() / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    chosen = {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}
    if chosen["mode"] not in MODES:
        chosen["mode"] = DEFAULTS["mode"]
    # the workshop last opened, by the absolute path of its folder of workshops
    workshops = chosen["workshops"]
    chosen["workshops"] = {str(k): v for k, v in workshops.items() if isinstance(v, str)} \
        if isinstance(workshops, dict) else {}
    return chosen


def save(**changes: Any) -> dict[str, Any]:
    """Remember ``changes`` (e.g. ``language="bg"``); return all preferences.

    A folder that cannot be written is not an error: the choice then lasts as long as the
    page that made it.
    """
    unknown = set(changes) - set(DEFAULTS)
    if unknown:
        raise KeyError(f"unknown preference: {', '.join(sorted(unknown))}")
    chosen = {**load(), **changes}
    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".preferences-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(chosen, out, ensure_ascii=False, indent=2)
        os.replace(temporary, target / FILE_NAME)
    except OSError:
        pass
    return chosen
