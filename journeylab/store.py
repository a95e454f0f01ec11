"""Reading and writing workshop files: atomic, revision-checked, never corrupting a file.

A workshop lives in ``workshops/<slug>/journey.json``: UTF-8, keys in model order, two-space
indentation, so ``git diff`` shows what the room changed. Every save is a whole new file
written beside the old one, flushed to disk and swapped in with one rename; a crash leaves
either the old or the new file, never half of one. Every save also checks the file's
*revision* (a hash of its bytes), holding the workshop's lock
(:mod:`~journeylab.locking`): :meth:`WorkshopFile.save` refuses to overwrite what someone
else saved since this copy was loaded (:class:`~journeylab.errors.ConflictError`), and
:meth:`WorkshopFile.apply` takes their version in and makes its change on top of it. A save
makes and checks only the parts a change touched (:mod:`~journeylab.incremental`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConflictError, JourneyLabError, WorkshopFileError, WorkshopInvalid
from .i18n import _
from .incremental import SavedParts
from .locking import LOCKS_PROCESSES, locked
from .migrations import upgrade
from .model import Workshop, make_id, validate_workshop

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


#: What ``os.stat`` says of a file: enough to tell cheaply that it was replaced or changed.
Stamp = tuple[int, int, int]


def stamp_of(result: os.stat_result) -> Stamp:
    """The inode, size and modification time of a file, as :func:`os.stat` gave them."""
    return (result.st_ino, result.st_size, result.st_mtime_ns)


def _read(path: Path) -> tuple[bytes | None, Stamp | None]:
    """The file's bytes and the stamp of exactly that file (read from the same descriptor)."""
    try:
        with path.open("rb") as handle:
            stamp = stamp_of(os.fstat(handle.fileno()))
            return handle.read(), stamp
    except FileNotFoundError:
        return None, None
    except OSError as error:
        raise WorkshopFileError(path, error.strerror or str(error)) from None


def current_stamp(path: Path) -> Stamp | None:
    """The stamp of the file at ``path`` now; ``None`` if there is none."""
    try:
        return stamp_of(os.stat(path))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WorkshopFileError(path, error.strerror or str(error)) from None


def load_workshop(path: str | Path) -> Workshop:
    """Read the workshop at ``path`` (a folder or its ``journey.json``)."""
    return WorkshopFile.open(path).workshop


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


#: A change as a form makes it: from the workshop as it is to the workshop as it should be.
Change = Callable[[Workshop], Workshop]


@dataclass
class WorkshopFile:
    """A workshop together with the file it lives in and the revision it was loaded at.

    :attr:`stamp` is what ``os.stat`` said of the file at that revision: a cheap way to see
    that someone else saved (:meth:`refresh`).
    """

    path: Path
    workshop: Workshop
    revision: str | None
    stamp: Stamp | None = field(default=None, compare=False)
    _parts: SavedParts = field(default_factory=SavedParts, repr=False, compare=False)

    @classmethod
    def open(cls, path: str | Path) -> WorkshopFile:
        """Load the workshop at ``path``; errors name the file, line and column."""
        path = journey_path(path)
        raw, stamp = _read(path)
        if raw is None:
            raise WorkshopFileError(path, _("there is no workshop file here"))
        opened = cls(path, parse(raw, path), revision_of(raw), stamp)
        opened._parts.trust(opened.workshop)
        return opened

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
        with locked(self.path):
            found = revision_of(_read(self.path)[0])
            if found != self.revision:
                raise ConflictError(self.path, self.revision, found)
            self._write(workshop, found)
        return self.revision

    def apply(self, change: Change) -> Workshop | None:
        """Make ``change`` on the workshop as saved now, by whoever saved it, and save it.

        Holding the lock, the file is read: what others saved since is taken in first
        (returned; ``None`` if nobody did), then ``change`` is made on it and written. Errors
        of ``change`` (the item it edits was deleted there …) are raised as they are, with
        the others' version already taken in.
        """
        with locked(self.path):
            raw, stamp = _read(self.path)
            found = revision_of(raw)
            theirs = None
            if found != self.revision:
                if raw is None:  # deleted: saving would silently make it anew
                    raise ConflictError(self.path, self.revision, None)
                self.stamp = stamp
                theirs = parse(raw, self.path)
                self._take(theirs, found, stamp)
            self._write(change(self.workshop), found)
        return theirs

    def _write(self, workshop: Workshop, found: str | None) -> None:
        """Write ``workshop`` over the file at revision ``found``; the lock is held."""
        try:
            data = self._parts.to_bytes(workshop)
        except WorkshopInvalid as invalid:
            raise WorkshopInvalid(invalid.problems, self.path) from None
        revision = revision_of(data)
        if revision != found:
            if LOCKS_PROCESSES:  # without the lock another writer's file may be live
                _remove_leftovers(self.path)
            write_atomically(self.path, data)
        self.workshop, self.revision = workshop, revision
        self.stamp = current_stamp(self.path)

    def _take(self, workshop: Workshop, revision: str | None, stamp: Stamp | None) -> None:
        self.workshop, self.revision, self.stamp = workshop, revision, stamp
        self._parts.trust(workshop)

    def refresh(self) -> Workshop | None:
        """Take in what others saved, if anything; return the workshop shown before it.

        Cheap when nothing changed: one ``os.stat``. ``None``: the file is as loaded.
        """
        if current_stamp(self.path) == self.stamp:
            return None
        raw, stamp = _read(self.path)
        if raw is None:
            self.stamp = None
            raise WorkshopFileError(self.path, _("there is no workshop file here"))
        revision = revision_of(raw)
        self.stamp = stamp  # a file that cannot be read is reported once, not every look
        if revision == self.revision:
            return None
        before = self.workshop
        self._take(parse(raw, self.path), revision, stamp)
        return before

    def reload(self) -> Workshop:
        """Read the file again, taking in what others saved; returns the workshop."""
        fresh = WorkshopFile.open(self.path)
        self._take(fresh.workshop, fresh.revision, fresh.stamp)
        return self.workshop


def new_workshop_folder(root: str | Path, title: str) -> Path:
    """A folder under ``root`` named after ``title`` that no workshop uses yet."""
    root = Path(root)
    taken = {child.name for child in root.iterdir()} if root.is_dir() else set()
    return root / make_id(title, taken)
