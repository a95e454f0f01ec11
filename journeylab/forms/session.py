"""The open workshop: saving every change at once, and saying so where it happened.

A form never changes a workshop itself. It hands :meth:`Session.apply` a *change*: a function
from the current workshop to the next one (built from :mod:`journeylab.edit`). The session
saves the result at once; if another tab or colleague saved in between, it reloads their
version and applies the same change on top, so neither side's work is lost. The
:class:`SaveMark` beside the field or item just changed says "✓ Saved 14:32:05", or what was
refused and why, in the workshop's language; the status line under the form is left for
what belongs to no field (a reload, a change saved from elsewhere).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
#: A save mark lights up briefly on every save. The two classes take turns, so two saves in
#: the same second still differ: the mark is drawn anew and the light plays again.
_FLASHES = ("journeylab-flash-a", "journeylab-flash-b")
SAVE_MARK_CSS = "".join(
    f"@keyframes {name} {{from {{background: #b9e4bd}} to {{background: transparent}}}}"
    f".journeylab-saved.{name} {{animation: {name} 1.6s ease-out}}" for name in _FLASHES) + (
    ".journeylab-saved {border-radius: 3px; padding: 0 .25em; display: inline-block}"
    # a narrow column may squeeze a mark, never below its longest word: it is read whole
    ".journeylab-save-mark {min-width: min-content !important}"
    # on a phone a row has no room beside its field: the mark goes under it, when it has words
    "@media (max-width: 700px) {.widget-hbox:has(> .journeylab-save-mark) {flex-wrap: wrap}"
    ".widget-hbox > .journeylab-save-mark {flex: 1 0 100% !important; max-width: none "
    "!important; width: auto !important}"
    ".journeylab-save-mark:not(:has(span)) {display: none !important}}"
    "@media (prefers-reduced-motion: reduce) {.journeylab-saved {animation: none !important}}")


def _stamp(when: dt.datetime | None) -> str:
    return _("Saved {time}", time=(when or dt.datetime.now()).strftime("%H:%M:%S"))


class SaveMark(widgets.HTML):
    """Beside a field or an item: "✓ Saved 14:32:05" after each save there, or why not.

    :meth:`Session.apply` fills it (``beside=``); a form clears it when what it said no
    longer applies (another item shown, the value shown again as saved).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("journeylab-save-mark")
        self._flash = 0
        self.state = ""  # "saved", "refused" or "" (nothing shown)

    @property
    def text(self) -> str:
        """The message shown, without markup."""
        return html.unescape(_strip_tags(self.value))

    def saved(self, what: str = "", when: dt.datetime | None = None) -> None:
        """Show that the change made here is on disk; ``what`` says what it did."""
        self._flash = 1 - self._flash
        words = html.escape(f"{what} {_stamp(when)}" if what else _stamp(when))
        self.value = (f"<span class='journeylab-saved {_FLASHES[self._flash]}' "
                      f"style='{_OK_STYLE}' role='status'>✓ {words}</span>")
        self.state = "saved"

    def refused(self, message: str) -> None:
        """Show why the change made here was not saved (the value typed stays)."""
        self.value = (f"<span class='journeylab-refused' style='{ERROR_STYLE}' role='alert'>"
                      f"{html.escape(message)}</span>")
        self.state = "refused"

    def clear(self) -> None:
        """Show nothing."""
        self.value, self.state = "", ""


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
        self.message.value = f"<span style='{_OK_STYLE}' role='status'>✓ {_stamp(when)}</span>"
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

    def clear(self) -> None:
        """Show nothing: what the line said no longer applies."""
        self.message.value = ""
        self.reload_button.layout.display = "none"


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


class Session:
    """One open workshop in a kernel, shared by the forms that edit it."""

    def __init__(self, file: WorkshopFile) -> None:
        self.file = file
        self.status = StatusBar(self.reload)
        self._listeners: list[Callable[[Workshop], None]] = []
        self._marked: SaveMark | None = None  # the mark that says "Saved" now
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
        # the title, never the folder's name: that is a file name, not what the room calls it
        title = html.escape(self.workshop.title)
        note = html.escape(_("every change you make below is saved at once"))
        return f"<div class='journeylab-workshop'><strong>{title}</strong> · {note}</div>"

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

    def apply(self, change: Change, beside: SaveMark | None = None,
              what: str | Callable[[], str] = "") -> list[Problem]:
        """Apply ``change`` and save at once; return the problems that stopped it (none: saved).

        ``beside`` is the mark of the field or item changed: it says "Saved" (after ``what``,
        or what ``what()`` returns once the change is saved) or why the change was refused;
        without a mark the status line says it. On a conflict the other side's version is
        loaded and the change applied to it; only if the change no longer fits (say, the
        item was deleted there) is it refused.
        """
        try:
            try:
                self.file.save(change(self.file.workshop))
            except ConflictError:
                self.file.reload()
                self._notify()
                self.file.save(change(self.file.workshop))
        except WorkshopInvalid as invalid:
            return self._refused(invalid.problems, beside)
        except ConflictError as conflict:
            self._refused([Problem("", str(conflict))], beside)
            self.status.error(str(conflict), offer_reload=True)  # the way out is Reload
            return [Problem("", str(conflict))]
        except JourneyLabError as refused:
            return self._refused([Problem("", str(refused))], beside)
        self._notify()  # forms show the saved workshop first: the mark must outlast that
        self._confirm(beside, what)
        return []

    def _refused(self, problems: list[Problem], beside: SaveMark | None) -> list[Problem]:
        if beside is None:
            self.status.error("\n".join(str(p) for p in problems))
        else:
            beside.refused("; ".join(dict.fromkeys(p.message for p in problems)))
            self.status.clear()
        return problems

    def _confirm(self, beside: SaveMark | None, what: str | Callable[[], str]) -> None:
        if self._marked is not None and self._marked is not beside \
                and self._marked.state == "saved":
            self._marked.clear()  # one "Saved" on the page: the latest
        self._marked = beside
        if beside is None:
            self.status.saved()
        else:
            self.status.clear()
            beside.saved(what() if callable(what) else what)

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
    raise JourneyLabError(_("No workshop is open yet: choose or create one first, in "
                            "“{step}”.", step=_("Start here: set up the workshop")))


def remember_workshop(folder: Path) -> None:
    """Make ``folder`` the workshop the other notebooks open (unless an override is set)."""
    (folder.parent / CURRENT_FILE).write_text(folder.name + "\n", encoding="utf-8")


def current_workshop(root: str | Path = "../workshops") -> Session:
    """Open the workshop the guided notebooks work on (see :func:`find_workshop`)."""
    return Session.open(find_workshop(root))
