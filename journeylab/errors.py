"""The one family of errors JourneyLab raises, each saying what went wrong and where.

Every message is already translated into the current language, so a form or the command
line can show ``str(error)`` as it is: a facilitator never sees a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .i18n import _


class JourneyLabError(Exception):
    """Root of every error JourneyLab raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a workshop: where (``touchpoints[3].stages[0]``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class WorkshopInvalid(JourneyLabError):
    """A workshop (or a value for one) breaks the rules of the model."""

    def __init__(self, problems: list[Problem], source: str | Path | None = None) -> None:
        self.problems = list(problems)
        self.source = str(source) if source is not None else None
        shown = "\n".join(f"  - {problem}" for problem in self.problems[:20])
        more = len(self.problems) - 20
        if more > 0:
            shown += "\n  " + _("… and {count} more", count=more)
        where = _("{source} is not a valid workshop", source=self.source) if self.source \
            else _("This is not a valid workshop")
        super().__init__(f"{where}:\n{shown}")


class WorkshopFileError(JourneyLabError):
    """A workshop file cannot be read: missing, not UTF-8, not JSON, truncated."""

    def __init__(self, path: str | Path, reason: str,
                 line: int | None = None, column: int | None = None) -> None:
        self.path, self.reason, self.line, self.column = str(path), reason, line, column
        if line is not None:
            where = _("{path}, line {line}, column {column}", path=path, line=line,
                      column=column)
        else:
            where = str(path)
        super().__init__(_("Cannot read {where}: {reason}", where=where, reason=reason))


class SchemaTooNewError(JourneyLabError):
    """A workshop file was written by a newer JourneyLab than this one."""

    def __init__(self, path: str | Path, found: int, supported: int) -> None:
        self.path, self.found, self.supported = str(path), found, supported
        super().__init__(_(
            "{path} was saved by a newer JourneyLab (file format {found}; this version reads "
            "up to {supported}). Update JourneyLab to open it; the file was not changed.",
            path=path, found=found, supported=supported))


class ConflictError(JourneyLabError):
    """The workshop file changed on disk since it was loaded: saving would overwrite it."""

    def __init__(self, path: str | Path, expected_revision: str | None,
                 found_revision: str | None) -> None:
        self.path = str(path)
        self.expected_revision, self.found_revision = expected_revision, found_revision
        super().__init__(_(
            "Not saved: {path} was changed by someone else (another tab or a colleague) since "
            "you opened it. Reload the workshop to see their changes, then make yours again.",
            path=path))


class ItemGoneError(JourneyLabError):
    """A change is about an item that is no longer in the workshop (deleted elsewhere).

    ``kind`` is the kind of item (``"touchpoint"``), ``kind_label`` its word in the current
    language, ``name`` what the room calls the item, when the one who asks knows it: the
    message names the item by that, never by its id.
    """

    def __init__(self, kind: str, kind_label: str, item_id: str,
                 name: str | None = None) -> None:
        self.kind, self.kind_label, self.item_id, self.name = kind, kind_label, item_id, name
        if name:
            message = _("The {kind} '{name}' was deleted on another screen.", kind=kind_label,
                        name=name)
        else:
            message = _("The {kind} is no longer in this workshop: it was deleted.",
                        kind=kind_label)
        super().__init__(message)

    def named(self, name: str) -> ItemGoneError:
        """The same error, naming the item ``name`` (as it was called before it went)."""
        return ItemGoneError(self.kind, self.kind_label, self.item_id, name)


class InUseError(JourneyLabError):
    """Something cannot be deleted because other parts of the workshop refer to it."""

    def __init__(self, what: str, dependents: list[str]) -> None:
        self.what, self.dependents = what, list(dependents)
        listed = "\n".join(f"  - {item}" for item in self.dependents[:15])
        more = len(self.dependents) - 15
        if more > 0:
            listed += "\n  " + _("… and {count} more", count=more)
        super().__init__(_("Cannot delete {what}: it is used by", what=what) + f"\n{listed}")


class TableError(JourneyLabError):
    """A table being imported (CSV or XLSX) has a value that cannot be used."""

    def __init__(self, source: str | Path, reason: str, row: int | None = None,
                 column: str | None = None) -> None:
        self.source, self.reason, self.row, self.column = str(source), reason, row, column
        if row is not None and column is not None:
            where = _("{source}, row {row}, column '{column}'", source=source, row=row,
                      column=column)
        elif row is not None:
            where = _("{source}, row {row}", source=source, row=row)
        else:
            where = str(source)
        super().__init__(f"{where}: {reason}")
