"""One writer at a time for a workshop file, across processes, users and NFS.

The lock is a POSIX record lock (``lockf``) on a small lock file beside ``journey.json``,
opened read-write: on NFS ``flock`` is emulated with byte-range locks, and a descriptor
opened read-only (the folder itself) can then fail to lock. Record locks belong to the
process, so threads of one process are kept apart by a plain lock of their own first.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the revision check alone guards a save
    fcntl = None

#: Whether saves of other processes are really kept apart here.
LOCKS_PROCESSES = fcntl is not None

_in_process: dict[str, threading.Lock] = {}
_in_process_guard = threading.Lock()


def lock_path(path: Path) -> Path:
    """The lock file of the workshop file ``path``: a hidden file beside it."""
    return path.parent / f".{path.name}.lock"


def _thread_lock(key: str) -> threading.Lock:
    with _in_process_guard:
        return _in_process.setdefault(key, threading.Lock())


def _open_lock_file(path: Path) -> int:
    target = lock_path(path)
    try:
        handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return os.open(target, os.O_RDWR)
    # whoever may write the folder (a shared group folder) must be able to lock it too
    with contextlib.suppress(OSError):
        os.fchmod(handle, 0o644 | (os.stat(target.parent).st_mode & 0o022))
    return handle


@contextlib.contextmanager
def _process_lock(path: Path) -> Iterator[None]:
    try:
        handle = _open_lock_file(path)
    except OSError:
        # a folder where the lock file cannot be written (read-only, another user's lock
        # file without group write): lock the folder itself, as older versions did
        handle = os.open(path.parent, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)
        return
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the workshop file ``path`` for one writer until the block ends."""
    with _thread_lock(str(path.resolve())):
        if fcntl is None:  # pragma: no cover
            yield
            return
        with _process_lock(path):
            yield
