"""Upgrading workshop files written by older JourneyLab versions, one format step at a time.

Each entry of :data:`UPGRADES` turns plain data of format ``N`` into format ``N + 1``; a file
of any older format climbs the chain to :data:`~journeylab.model.SCHEMA_VERSION`. When a
model change alters the file format, bump ``SCHEMA_VERSION`` and add the step from the
previous one here.

Format 2 added ``evidence``: customer data imported beside the room's guesses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import SchemaTooNewError, WorkshopFileError
from .i18n import _
from .model import SCHEMA_VERSION

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

def _add_evidence(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 → 2: a workshop of format 1 has no evidence yet."""
    data.setdefault("evidence", [])
    return data


#: format N → the function that upgrades plain data of format N to format N + 1.
UPGRADES: dict[int, Upgrade] = {1: _add_evidence}

FIRST_VERSION = 1


def file_version(data: Any, path: str | Path) -> int:
    """The ``schema_version`` of loaded JSON, or a clear error if it has none."""
    if not isinstance(data, dict):
        raise WorkshopFileError(path, _("a workshop file must hold a JSON object {…}"))
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise WorkshopFileError(path, _(
            "it has no valid 'schema_version', so it does not look like a JourneyLab workshop"))
    return version


def upgrade(data: dict[str, Any], path: str | Path,
            upgrades: dict[int, Upgrade] | None = None,
            current: int = SCHEMA_VERSION) -> dict[str, Any]:
    """``data`` brought up to format ``current``; the input is not modified."""
    upgrades = UPGRADES if upgrades is None else upgrades
    version = file_version(data, path)
    if version > current:
        raise SchemaTooNewError(path, version, current)
    if version < FIRST_VERSION:
        raise WorkshopFileError(path, _("file format {version} never existed", version=version))
    while version < current:
        data = upgrades[version](dict(data))
        version += 1
        data["schema_version"] = version
    return data
