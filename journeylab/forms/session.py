"""The open workshop: saving every change at once, and the line that says how it went.

A form never changes a workshop itself. It hands :meth:`Session.apply` a *change*: a function
from the current workshop to the next one (built from :mod:`journeylab.edit`). The session
saves the result at once; if another tab or colleague saved in between, it reloads their
version and applies the same change on top, so neither side's work is lost. The status line
says "Saved 14:32:05", or what was refused and why, in the workshop's language.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..errors import ConflictError, JourneyLabError, Problem, WorkshopInvalid
from ..i18n import _, set_language
from ..model import Workshop
from ..store import JOURNEY_FILE, WorkshopFile

Change = Callable[[Workshop], Workshop]
WORKSHOP_ENV = "JOURNEYLAB_WORKSHOP"
CURRENT_FILE = ".current"

_OK_STYLE = "color:#1b5e20"
ERROR_STYLE = "color:#b00020"


class StatusBar(widgets.HBox):
    """One line under a form: when it last saved, or what went wrong."""

    def __init__(self, on_reload: Callable[[], None]) -> None:
        self.message = widgets.HTML()
        self.reload_button = widgets.Button(description=_("Reload"), icon="refresh",
                                            layout=widgets.Layout(display="none"))
        self.reload_button.on_click(lambda _button: on_reload())
        super().__init__([self.message, self.reload_button])
        self.add_class("journeylab-status")

    @property
    def text(self) -> str:
        """The message shown, without markup (for tests and screen readers alike)."""
        return html.unescape(_strip_tags(self.message.value))

    def saved(self, when: dt.datetime | None = None) -> None:
        """Show that the last change is on disk."""
        when = when or dt.datetime.now()
        stamp = _("Saved {time}", time=when.strftime("%H:%M:%S"))
        self.message.value = f"<span style='{_OK_STYLE}' role='status'>✓ {stamp}</span>"
        self.reload_button.layout.display = "none"

    def error(self, message: str, offer_reload: bool = False) -> None:
        """Show why the last change was not saved."""
        text = html.escape(message).replace("\n", "<br>")
        self.message.value = f"<span style='{ERROR_STYLE}' role='alert'>⚠ {text}</span>"
        self.reload_button.layout.display = "" if offer_reload else "none"

    def info(self, message: str) -> None:
        """Show a neutral message."""
        self.message.value = f"<span role='status'>{html.escape(message)}</span>"
        self.reload_button.layout.display = "none"


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


class Session:
    """One open workshop in a kernel, shared by the forms that edit it."""

    def __init__(self, file: WorkshopFile) -> None:
        self.file = file
        self.status = StatusBar(self.reload)
        self._listeners: list[Callable[[Workshop], None]] = []
        set_language(file.workshop.language)

    @classmethod
    def open(cls, path: str | Path) -> Session:
        """Open the workshop at ``path`` (its folder or its ``journey.json``)."""
        return cls(WorkshopFile.open(path))

    @property
    def workshop(self) -> Workshop:
        """The workshop as last saved or loaded."""
        return self.file.workshop

    def _repr_html_(self) -> str:
        title = html.escape(self.workshop.title)
        folder = html.escape(self.file.path.parent.name)
        note = html.escape(_("every change you make below is saved at once"))
        return (f"<div class='journeylab-workshop'><strong>{title}</strong> "
                f"<code>{folder}</code> · {note}</div>")

    def on_change(self, listener: Callable[[Workshop], None]) -> None:
        """Call ``listener(workshop)`` after every saved change and every reload."""
        self._listeners.append(listener)

    def off_change(self, listener: Callable[[Workshop], None]) -> None:
        """Stop calling ``listener`` (a form that was replaced)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self) -> None:
        set_language(self.file.workshop.language)  # the room may have switched language
        for listener in list(self._listeners):
            listener(self.file.workshop)

    def apply(self, change: Change) -> list[Problem]:
        """Apply ``change`` and save at once; return the problems that stopped it (none: saved).

        On a conflict the other side's version is loaded and the change applied to it; only
        if the change no longer fits (say, the item was deleted there) is it refused.
        """
        try:
            try:
                self.file.save(change(self.file.workshop))
            except ConflictError:
                self.file.reload()
                self._notify()
                self.file.save(change(self.file.workshop))
        except WorkshopInvalid as invalid:
            self.status.error("\n".join(str(p) for p in invalid.problems))
            return invalid.problems
        except ConflictError as conflict:
            self.status.error(str(conflict), offer_reload=True)
            return [Problem("", str(conflict))]
        except JourneyLabError as refused:
            self.status.error(str(refused))
            return [Problem("", str(refused))]
        self.status.saved()
        self._notify()
        return []

    def reload(self) -> None:
        """Read the workshop again from disk, with everything others saved."""
        try:
            self.file.reload()
        except JourneyLabError as error:
            self.status.error(str(error))
            return
        self.status.info(_("Reloaded: you now see the latest saved workshop."))
        self._notify()


def find_workshop(root: str | Path = "../workshops") -> Path:
    """The workshop the guided notebooks work on.

    In order: the folder named by ``JOURNEYLAB_WORKSHOP``; the one chosen last in
    ``00_start_here`` (remembered in ``<root>/.current``); the only workshop under ``root``.
    """
    named = os.environ.get(WORKSHOP_ENV)
    if named:
        return Path(named)
    root = Path(root)
    remembered = root / CURRENT_FILE
    if remembered.is_file():
        folder = root / remembered.read_text(encoding="utf-8").strip()
        if (folder / JOURNEY_FILE).is_file():
            return folder
    found = sorted(p.parent for p in root.glob(f"*/{JOURNEY_FILE}"))
    if len(found) == 1:
        return found[0]
    raise JourneyLabError(_("No workshop is open yet: choose or create one in "
                            "00_start_here first."))


def remember_workshop(folder: Path) -> None:
    """Make ``folder`` the workshop the other notebooks open (unless an override is set)."""
    (folder.parent / CURRENT_FILE).write_text(folder.name + "\n", encoding="utf-8")


def current_workshop(root: str | Path = "../workshops") -> Session:
    """Open the workshop the guided notebooks work on (see :func:`find_workshop`)."""
    return Session.open(find_workshop(root))
