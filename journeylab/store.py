"""Reading and writing workshop files: atomic, revision-checked, never corrupting a file.

A workshop lives in ``workshops/<slug>/journey.json``: UTF-8, keys in model order, two-space
indentation, so ``git diff`` shows what the room changed. Every save is a whole new file
written beside the old one, flushed to disk and swapped in with one rename; a crash leaves
either the old or the new file, never half of one. Every save also checks the file's
*revision* (a hash of its bytes): if someone else saved since this copy was loaded, the
save is refused with :class:`~journeylab.errors.ConflictError` and nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .errors import ConflictError, JourneyLabError, WorkshopFileError, WorkshopInvalid
from .i18n import _
from .migrations import upgrade
from .model import Workshop, make_id, problems_from, validate_workshop

try:  # POSIX: lock the folder while checking and replacing, so two savers cannot interleave
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; the revision check still runs
    fcntl = None

JOURNEY_FILE = "journey.json"


def journey_path(path: str | Path) -> Path:
    """The ``journey.json`` meant by ``path``: the file itself or the workshop folder."""
    path = Path(path)
    return path if path.suffix.lower() == ".json" else path / JOURNEY_FILE


def revision_of(data: bytes | None) -> str | None:
    """A short fingerprint of a file's bytes; ``None`` for a file that does not exist."""
    return None if data is None else hashlib.sha256(data).hexdigest()[:16]


def to_json(workshop: Workshop) -> bytes:
    """The bytes of a workshop file: stable key order and indentation, UTF-8, final newline."""
    return workshop.model_dump_json(indent=2).encode("utf-8") + b"\n"


def parse(raw: bytes, path: str | Path) -> Workshop:
    """A workshop from a file's bytes, upgraded from older formats; errors say where."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise WorkshopFileError(path, _("the file is not UTF-8 text"), line, column) from None
    if not text.strip():
        raise WorkshopFileError(path, _("the file is empty"), 1, 1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        reason = _("the file is not valid JSON; it may have been cut short or edited by hand")
        raise WorkshopFileError(path, reason, error.lineno, error.colno) from None
    return validate_workshop(upgrade(data, path), source=path)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WorkshopFileError(path, error.strerror or str(error)) from None


def load_workshop(path: str | Path) -> Workshop:
    """Read the workshop at ``path`` (a folder or its ``journey.json``)."""
    return WorkshopFile.open(path).workshop


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: Path, data: bytes) -> None:
    try:  # keep the permissions the file had; a temporary file starts readable by owner only
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = _default_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files of writers that crashed: only a lock holder ever makes them."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


@dataclass
class WorkshopFile:
    """A workshop together with the file it lives in and the revision it was loaded at."""

    path: Path
    workshop: Workshop
    revision: str | None

    @classmethod
    def open(cls, path: str | Path) -> WorkshopFile:
        """Load the workshop at ``path``; errors name the file, line and column."""
        path = journey_path(path)
        raw = _read(path)
        if raw is None:
            raise WorkshopFileError(path, _("there is no workshop file here"))
        return cls(path, parse(raw, path), revision_of(raw))

    @classmethod
    def create(cls, path: str | Path, workshop: Workshop) -> WorkshopFile:
        """Save ``workshop`` as a new file; refuses to replace an existing workshop."""
        path = journey_path(path)
        if path.exists():
            raise JourneyLabError(_("A workshop already exists at {path}; open it instead, "
                                    "or choose another folder", path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        created = cls(path, workshop, None)
        created.save(workshop)
        return created

    def save(self, workshop: Workshop) -> str:
        """Write ``workshop`` if the file is still at the loaded revision; return the new one."""
        data = to_json(workshop)
        try:  # check exactly what will be written: a mutated model may have broken a rule
            Workshop.model_validate_json(data)
        except ValidationError as error:
            raise WorkshopInvalid(problems_from(error), self.path) from None
        with _folder_lock(self.path.parent):
            found = revision_of(_read(self.path))
            if found != self.revision:
                raise ConflictError(self.path, self.revision, found)
            if revision_of(data) != found:
                if fcntl is not None:  # without the lock another writer's file may be live
                    _remove_leftovers(self.path)
                write_atomically(self.path, data)
        self.workshop, self.revision = workshop, revision_of(data)
        return self.revision

    def reload(self) -> Workshop:
        """Read the file again, taking in what others saved; returns the workshop."""
        fresh = WorkshopFile.open(self.path)
        self.workshop, self.revision = fresh.workshop, fresh.revision
        return self.workshop


def new_workshop_folder(root: str | Path, title: str) -> Path:
    """A folder under ``root`` named after ``title`` that no workshop uses yet."""
    root = Path(root)
    taken = {child.name for child in root.iterdir()} if root.is_dir() else set()
    return root / make_id(title, taken)
