"""The open workshop: saving every change at once, and following what others save.

A form never changes a workshop itself. It hands :meth:`Session.apply` a *change*: a function
from the current workshop to the next one (built from :mod:`journeylab.edit`). The session
makes it on the workshop as saved now, holding the workshop's lock: what another tab or
colleague saved meanwhile is taken in first, so neither side's work is lost, and a change
that no longer fits (the item was deleted there) is refused in words. The :class:`SaveMark`
beside the field or item just changed says so.

A session also follows the file: :meth:`Session.check_for_changes` takes in what was saved
elsewhere, tells the forms, and says in the status line what changed. Inside a kernel it
runs by itself twice a second on the kernel's event loop, for as long as the session lives.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import weakref
from collections.abc import Callable
from pathlib import Path

from .. import edit, preferences
from ..changes import describe_changes
from ..errors import (
    ConflictError,
    ItemGoneError,
    JourneyLabError,
    Problem,
    WorkshopInvalid,
)
from ..i18n import _, set_language
from ..model import Workshop
from ..store import JOURNEY_FILE, Change, WorkshopFile
from .marks import ERROR_STYLE, SAVE_MARK_CSS, SaveMark, StatusBar
from .ticker import Ticker

__all__ = ["ERROR_STYLE", "SAVE_MARK_CSS", "Change", "SaveMark", "Session", "StatusBar",
           "current_workshop", "find_workshop", "remember_workshop"]

WORKSHOP_ENV = "JOURNEYLAB_WORKSHOP"
#: Where older versions remembered the workshop last opened, for everyone using the folder.
CURRENT_FILE = ".current"
#: How often an open session looks whether the file changed elsewhere.
FOLLOW_SECONDS = 0.5


def changed_elsewhere_message(before: Workshop, after: Workshop,
                              when: dt.datetime | None = None) -> str:
    """"Changed on another screen · 14:05: touchpoints: added: 2" for the status line."""
    time = (when or dt.datetime.now()).strftime("%H:%M")
    changes = describe_changes(before, after)
    if not changes:
        return _("Changed on another screen · {time}", time=time)
    return _("Changed on another screen · {time}: {changes}", time=time,
             changes="; ".join(changes))


def _follower(session: Session) -> Ticker:
    """A ticker that looks for changes while ``session`` lives, and never keeps it alive."""
    alive = weakref.ref(session)

    def look() -> None:
        found = alive()
        if found is None:
            ticker.stop()
        else:
            found.check_for_changes()

    ticker = Ticker(FOLLOW_SECONDS, look)
    weakref.finalize(session, ticker.stop)
    return ticker


class Session:
    """One open workshop in a kernel, shared by the forms that edit it."""

    def __init__(self, file: WorkshopFile) -> None:
        self.file = file
        reload = weakref.WeakMethod(self.reload)  # the page's widgets must not keep it alive
        self.status = StatusBar(lambda: (method := reload()) and method())
        self._listeners: list[Callable[[Workshop], None]] = []
        self._marked: SaveMark | None = None  # the mark that says "Saved" now
        #: While the forms are shown a change saved elsewhere: the workshop they showed
        #: before it, and the workshop as the other screen saved it (a form may say beside
        #: a field that it changed there); ``None`` otherwise.
        self.elsewhere: Workshop | None = None
        self.theirs: Workshop | None = None
        self._follower = _follower(self)
        set_language(file.workshop.language)
        self.follow()

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

    # -- following the file --------------------------------------------------------------
    def follow(self) -> bool:
        """Look for changes saved elsewhere by itself, on the kernel's event loop.

        Returns whether it does: outside a kernel there is no loop, and whoever drives the
        session calls :meth:`check_for_changes`.
        """
        return self._follower.start()

    def close(self) -> None:
        """Stop following the file and telling the forms (a session no longer shown)."""
        self._follower.stop()
        self._listeners.clear()

    def check_for_changes(self) -> bool:
        """Take in what was saved elsewhere since this session last read or wrote the file.

        One ``os.stat`` when nothing changed. When something did, the forms are told and
        the status line says what changed; returns whether anything did. A file that
        cannot be read is said in the status line, never raised.
        """
        try:
            before = self.file.refresh()
        except JourneyLabError as error:
            self.status.error(str(error), offer_reload=True)
            return False
        if before is None:
            return False
        self._notify(before, self.workshop)
        self.status.info(changed_elsewhere_message(before, self.workshop))
        return True

    def on_change(self, listener: Callable[[Workshop], None]) -> None:
        """Call ``listener(workshop)`` after every saved change and every reload."""
        self._listeners.append(listener)
        self.follow()  # a form is being shown: the kernel's loop is running now

    def off_change(self, listener: Callable[[Workshop], None]) -> None:
        """Stop calling ``listener`` (a form that was replaced)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, elsewhere: Workshop | None = None, theirs: Workshop | None = None
                ) -> None:
        set_language(self.file.workshop.language)  # the room may have switched language
        self.elsewhere, self.theirs = elsewhere, theirs
        try:
            for listener in list(self._listeners):
                listener(self.file.workshop)
        finally:
            self.elsewhere = self.theirs = None

    # -- saving --------------------------------------------------------------------------
    def apply(self, change: Change, beside: SaveMark | None = None,
              what: str | Callable[[], str] = "") -> list[Problem]:
        """Apply ``change`` and save at once; return the problems that stopped it (none: saved).

        ``beside`` is the mark of the field or item changed: it says "Saved" (after ``what``,
        or what ``what()`` returns once the change is saved) or why the change was refused;
        without a mark the status line says it. What others saved meanwhile is taken in
        first and the change made on top of it; only if it no longer fits (the item was
        deleted there, say) is it refused, in words. The typed value stays where it was.
        """
        shown = self.file.workshop
        try:
            theirs = self.file.apply(change)
        except JourneyLabError as error:
            if self.file.workshop is not shown:  # their version came in first: show it
                self._notify(shown, self.file.workshop)
                self.status.info(changed_elsewhere_message(shown, self.workshop))
            return self._refused(error, shown, beside)
        self._notify(shown if theirs is not None else None, theirs)
        elsewhere = changed_elsewhere_message(shown, theirs) if theirs is not None else ""
        self._confirm(beside, what, elsewhere)
        return []

    def _refused(self, error: JourneyLabError, shown: Workshop,
                 beside: SaveMark | None) -> list[Problem]:
        if isinstance(error, ItemGoneError):
            name = edit.item_name(shown, error.kind, error.item_id)
            error = error.named(name) if name else error
        if isinstance(error, WorkshopInvalid):
            problems = error.problems
        else:
            problems = [Problem("", str(error))]
        if beside is None or isinstance(error, ConflictError):
            self.status.error("\n".join(str(p) for p in problems),
                              offer_reload=isinstance(error, ConflictError))
        elif self.file.workshop is shown:  # else it says what came in from elsewhere
            self.status.clear()
        if beside is not None:
            beside.refused("; ".join(dict.fromkeys(p.message for p in problems)))
        return problems

    def _confirm(self, beside: SaveMark | None, what: str | Callable[[], str],
                 elsewhere: str) -> None:
        if self._marked is not None and self._marked is not beside \
                and self._marked.state == "saved":
            self._marked.clear()  # one "Saved" on the page: the latest
        self._marked = beside
        if beside is None:
            self.status.saved()
        else:
            beside.saved(what() if callable(what) else what)
        if elsewhere:
            self.status.info(elsewhere)
        elif beside is not None:
            self.status.clear()

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

    In order: the folder named by ``JOURNEYLAB_WORKSHOP``; the one this person chose last
    under ``root`` (in ``00_start_here`` or the app, kept in their
    :mod:`~journeylab.preferences`); the one an older version remembered in
    ``<root>/.current`` for everyone; the only workshop under ``root``.
    """
    named = os.environ.get(WORKSHOP_ENV)
    if named:
        return Path(named)
    root = Path(root)
    remembered = preferences.load()["workshops"].get(_root_key(root))
    if remembered and (root / remembered / JOURNEY_FILE).is_file():
        return root / remembered
    shared = root / CURRENT_FILE
    if shared.is_file():
        folder = root / shared.read_text(encoding="utf-8").strip()
        if (folder / JOURNEY_FILE).is_file():
            return folder
    found = sorted(p.parent for p in root.glob(f"*/{JOURNEY_FILE}"))
    if len(found) == 1:
        return found[0]
    raise JourneyLabError(_("No workshop is open yet: choose or create one first, in "
                            "“{step}”.", step=_("Start here: set up the workshop")))


def _root_key(root: Path) -> str:
    return str(Path(root).resolve())


def remember_workshop(folder: Path) -> None:
    """Make ``folder`` the workshop this person's other notebooks open (unless overridden).

    Kept in this person's preferences, by the absolute path of the folder of workshops:
    a colleague who opens another workshop from the same folder changes nothing here.
    """
    folder = Path(folder)
    chosen = dict(preferences.load()["workshops"])
    chosen[_root_key(folder.parent)] = folder.name
    preferences.save(workshops=chosen)


def current_workshop(root: str | Path = "../workshops") -> Session:
    """Open the workshop the guided notebooks work on (see :func:`find_workshop`)."""
    return Session.open(find_workshop(root))
