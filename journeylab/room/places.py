"""Where a workshop's room keeps its files, and the small files beside the ballot log.

A room folder lives in the user's own JourneyLab folder, not in the workshop folder: a
workshop folder may be shared with colleagues, and the room's secret and its log of who
tapped what belong to the facilitator who runs the room.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from .. import preferences
from ..store import write_atomically

ROUND_FILE = "round.json"
BALLOT_FILE = "ballots.jsonl"
SERVER_FILE = "server.json"
SECRET_FILE = "secret"
SECRET_BYTES = 32


def room_folder(workshop_folder: Path) -> Path:
    """The room folder of the workshop in ``workshop_folder``, created (mode 0700) if missing."""
    key = hashlib.sha256(str(Path(workshop_folder).resolve()).encode("utf-8")).hexdigest()[:16]
    folder = preferences.folder() / "rooms" / key
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # a folder made earlier with a looser umask
        folder.chmod(0o700)
    return folder


def write_json(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON in one step: a reader sees the old or the new."""
    write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def room_secret(folder: Path) -> bytes:
    """The room's secret (made once, mode 0600): it signs phones' cookies across restarts."""
    path = folder / SECRET_FILE
    try:
        secret = path.read_bytes()
        if len(secret) == SECRET_BYTES:
            return secret
    except FileNotFoundError:
        pass
    secret = secrets.token_bytes(SECRET_BYTES)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".secret-")
    with os.fdopen(handle, "wb") as out:  # mkstemp makes the file 0600 already
        out.write(secret)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    return secret


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def server_info(folder: Path) -> dict | None:
    """What ``server.json`` says (pid, port, token, code, urls…) if that server still runs.

    A server killed without a chance to clean up leaves the file behind; its pid is then
    gone, and the file means nothing.
    """
    try:
        info = json.loads((folder / SERVER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not isinstance(info.get("pid"), int):
        return None
    return info if _alive(info["pid"]) else None
