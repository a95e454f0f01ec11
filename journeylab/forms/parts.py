"""Small pieces several forms share: notes, menus, layout, prerequisites, refresh hygiene."""

from __future__ import annotations

import gc
import html
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..i18n import _
from ..model import Workshop
from .fields import TICK_BOXES_CSS
from .session import ERROR_STYLE, SAVE_MARK_CSS, Session

if TYPE_CHECKING:  # the list editor uses these pieces too
    from .items import ItemEditor

_MUTED = "color:#555555"


#: Text typed into a text area in the page's font, not the code font a browser gives it
#: (JupyterLab's widgets carry the first class, Voila's the second).
_TEXT_AREAS = (":is(.jupyter-widget-textarea, .widget-textarea) textarea "
               "{font-family: var(--jp-ui-font-family)}")
#: What every form shares on the page: text areas in the page's font, the light of a save
#: mark, tick boxes read whole.
FORM_STYLE = f"<style>{_TEXT_AREAS}{SAVE_MARK_CSS}{TICK_BOXES_CSS}</style>"
_FORM_STYLE: list[widgets.HTML] = []


def form_style() -> widgets.HTML:
    """The stylesheet every form carries as its first part (one widget, shown by each)."""
    if not _FORM_STYLE:
        _FORM_STYLE.append(widgets.HTML(FORM_STYLE, layout=widgets.Layout(display="none")))
    return _FORM_STYLE[0]


def note(message: str, error: bool = False) -> str:
    """``message`` as escaped HTML: an alert in red when ``error``, else a quiet status."""
    style = f" style='{ERROR_STYLE}' role='alert'" if error else " role='status'"
    return f"<span{style}>{html.escape(message)}</span>" if message else ""


def section(title: str, hint: str = "") -> widgets.HTML:
    """A part's heading, with ``hint`` (what the part is for) in grey under it."""
    hint_html = (f"<p style='{_MUTED};margin:0 0 .4em;line-height:1.4'>{html.escape(hint)}"
                 "</p>") if hint else ""
    return widgets.HTML(f"<h3 style='margin:.8em 0 .2em'>{html.escape(title)}</h3>{hint_html}")


def set_options(menu: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
    """Renew a menu's ``(label, id)`` choices, keeping its value if still there (else the first).

    Nothing is sent to the browser when the choices are unchanged: this runs after every save.
    """
    if list(menu.options) == options:
        if menu.value is None and options:
            menu.value = options[0][1]
        return
    current = menu.value
    menu.options = options
    ids = [value for _label, value in options]
    menu.value = current if current in ids else (ids[0] if ids else None)


def missing_parts(workshop: Workshop, participants: bool = False) -> list[str]:
    """What the workshop still lacks for mapping (stages, personas) or scoring (participants),
    each said with where to add it."""
    missing = []
    if not workshop.stages:
        missing.append(_("This workshop has no stages yet: add them in “{step}”.",
                         step=_("Start here: set up the workshop")))
    if not workshop.personas:
        missing.append(_("This workshop has no personas yet: add them in “{step}”.",
                         step=_("Step 3: personas")))
    if participants and not workshop.participants:
        missing.append(_("Nobody is scoring yet: type the first participant's name above "
                         "and press Enter."))
    return missing


def spare_the_collector() -> None:
    """Keep garbage-collection pauses out of the click → saved → redrawn path.

    Every save of a large workshop creates and drops thousands of objects, which makes
    Python's collector walk the whole heap — the loaded workshop, matplotlib, IPython —
    every few saves, for 40–80 ms. What is alive once a form is built lives as long as the
    kernel, so once the garbage already there is collected, the rest is moved out of the
    collector's reach (``gc.freeze``); what is made later is collected as usual.
    """
    gc.collect()
    gc.freeze()


def fit_beside_list(editor: ItemEditor) -> None:
    """Lay out ``editor``'s fields for the narrow column beside its list.

    Each row gets a class naming its field (a stable handle for styling and browser tests);
    the message beside an input takes room only when there is one, so the input keeps it.
    """
    for row in editor.rows:
        row.add_class(f"journeylab-field-{row.spec.name}")
        row.label.layout.width = row.label.layout.min_width = "9em"
        row.input.layout.min_width = "6em"
        row.message.layout.width, row.message.layout.min_width = "auto", "0"
        row.message.layout.max_width = "12em"


_LIVE: weakref.WeakKeyDictionary[Session, dict[str, list[Callable]]] = \
    weakref.WeakKeyDictionary()


def replaces_earlier(session: Session, form: str, listeners: list[Callable]) -> None:
    """Note ``listeners`` as those of ``form`` on ``session``, dropping the earlier form's.

    Running a form's cell again shows a new form; the old one is gone from the page, so
    refreshing it after every change would only slow the new one down.
    """
    live = _LIVE.setdefault(session, {})
    for listener in live.get(form, []):
        session.off_change(listener)
    live[form] = listeners


#: Tab titles at their natural width: "Психографски профил" is not cut to "Психографски про".
_WIDE_TABS = ("<style>.journeylab-tabs > .lm-TabBar .lm-TabBar-tab, .journeylab-tabs > "
              ".p-TabBar .p-TabBar-tab {flex: 0 0 auto !important; max-width: none !important}"
              "</style>")


def wide_tabs(tab: widgets.Tab) -> widgets.VBox:
    """``tab`` with titles that are never cut, whatever their language."""
    tab.add_class("journeylab-tabs")
    return widgets.VBox([widgets.HTML(_WIDE_TABS), tab])
