"""What a form says about saving: the mark beside what changed, and the status line under it.

The :class:`SaveMark` beside the field or item just changed says "✓ Saved 14:32:05", or what
was refused and why, in the workshop's language; the :class:`StatusBar` under the form is
left for what belongs to no field (a reload, a change saved on another screen).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..i18n import _

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
        self.state = ""  # "saved", "refused", "note" or "" (nothing shown)

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

    def note(self, message: str) -> None:
        """Say something about the value shown that is neither a save nor a refusal here
        ("Changed on another screen")."""
        self.value = f"<span class='journeylab-note' role='status'>{html.escape(message)}</span>"
        self.state = "note"

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
