"""Chart images kept on disk between runs, so a handout made again redraws only what changed.

A chart's file is named by a digest of exactly what it shows (its key, the language, the
resolution) and of what draws it (the chart code and the versions of matplotlib, seaborn
and Pillow): a change to any of them gives another name, so a stale image is never shown.
The folder is ``$JOURNEYLAB_CACHE``, else ``$XDG_CACHE_HOME/journeylab/charts``, else
``~/.cache/journeylab/charts``; ``JOURNEYLAB_CACHE=off`` keeps nothing on disk. Only the
newest images are kept. A file that cannot be read or written is a missed image, never an
error: the chart is simply drawn.
"""

from __future__ import annotations

import functools
import hashlib
import os
import struct
import tempfile
import time
from importlib import metadata
from pathlib import Path

#: How many images the folder keeps; a handout has about ten.
KEPT = 400
_HEADER = struct.Struct("<II")  # the image's display width and height, in CSS pixels
_PNG = b"\x89PNG\r\n\x1a\n"


def folder() -> Path | None:
    """Where chart images are kept, or ``None`` when they are not kept."""
    chosen = os.environ.get("JOURNEYLAB_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "journeylab" / "charts"


@functools.cache
def _drawing_code() -> bytes:
    """A digest of the code and libraries that draw the charts."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    for source in [*sorted((package / "charts").glob("*.py")), package / "handout" / "figures.py"]:
        digest.update(source.read_bytes())
    for library in ("matplotlib", "seaborn", "pillow"):
        digest.update(f"{library}={metadata.version(library)};".encode())
    return digest.digest()


def _path(key: object) -> Path | None:
    where = folder()
    if where is None:
        return None
    name = hashlib.sha256(_drawing_code() + repr(key).encode("utf-8")).hexdigest()
    return where / f"{name}.png"


def load(key: object) -> tuple[bytes, int, int] | None:
    """The kept image of ``key`` as (PNG bytes, width, height), or ``None``."""
    path = _path(key)
    try:
        data = path.read_bytes() if path else b""
    except OSError:
        return None
    png = data[_HEADER.size:]
    if not png.startswith(_PNG):
        return None  # absent, or cut short by a crash while it was written
    width, height = _HEADER.unpack_from(data)
    try:
        os.utime(path)  # recently used: kept longest
    except OSError:
        pass
    return png, width, height


def keep(key: object, png: bytes, width: int, height: int) -> None:
    """Keep the image of ``key``; drop the oldest images beyond :data:`KEPT`."""
    path = _path(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(_HEADER.pack(width, height) + png)
        os.replace(temporary, path)
        _prune(path.parent)
    except OSError:
        pass  # a read-only or full disk: the chart is drawn again next time


def _prune(where: Path) -> None:
    kept = list(where.glob("*.png"))
    for torn in where.glob(".*.tmp"):  # left by a writer that was killed
        if time.time() - torn.stat().st_mtime > 3600:
            torn.unlink(missing_ok=True)
    if len(kept) <= KEPT:
        return
    kept.sort(key=lambda one: one.stat().st_mtime)
    for old in kept[:len(kept) - KEPT]:
        old.unlink(missing_ok=True)
