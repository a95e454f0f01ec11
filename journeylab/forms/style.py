"""Room mode and compact mode: how large the forms are drawn, and that no word is ever cut.

Room mode (the default) is for a projector: text of 18 px or more at 1440 × 900, fields as
wide as the page, so twenty colleagues can read the form from the back of the room. Compact
mode is for a laptop: smaller text, more on the screen. In both, a label, button, tab title
or menu that is too narrow for its words wraps them or makes room, instead of ipywidgets'
"…". The choice is one per kernel (every form shown follows it at once) and remembered for
the user in :mod:`journeylab.preferences`.

Everything is in :data:`STYLESHEET`, scoped under the class of the mode, so the same rules
serve the guided notebooks, where every form is drawn :func:`styled` (see
:func:`shown_styled`), and the facilitator's app, whose root carries the class
(:func:`follow_mode`) and shows the stylesheet and the toggle once (:func:`stylesheet`,
:func:`mode_bar`).
"""

from __future__ import annotations

import weakref
from typing import Any, TypeVar

import ipywidgets as widgets
import traitlets

from .. import preferences
from ..charts.style import FORM_DPI
from ..i18n import _

ROOM, COMPACT = "room", "compact"
#: Pixels per inch at which a laptop shows a form's chart: the size charts had before they
#: were drawn for a projector (at :data:`~journeylab.charts.style.FORM_DPI`).
LAPTOP_CHART_DPI = 90
#: The CSS class that carries each mode.
SCOPES = {ROOM: "journeylab-room", COMPACT: "journeylab-compact"}

# The words of every widget, in both modes: ipywidgets draws labels, buttons, toggle
# buttons and tab titles on one line and hides the rest behind "…"; here they wrap, and the
# boxes around them grow. Widths set in Python (``Layout(width="24em")``) are inline styles,
# which only an !important rule outranks. ``{both}`` is the selector of either mode.
_WHOLE_WORDS = """
{both} .widget-label, {both} .widget-label-basic, {both} .widget-label-basic > span,
{both} .jupyter-button, {both} .lm-TabBar-tabLabel {
  white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; overflow-wrap: break-word; min-width: 0}
{both} .widget-label, {both} .widget-label-basic {line-height: 1.3 !important;
  height: auto !important; align-self: center}
{both} :is(.widget-dropdown, .widget-text, .widget-checkbox, .widget-datepicker) {
  height: auto !important; min-height: var(--jp-widgets-inline-height)}
{both} .widget-checkbox {width: auto; max-width: 100%}
{both} .jupyter-button {width: auto !important; max-width: 100%; flex-shrink: 1;
  height: auto !important; min-height: var(--jp-widgets-inline-height);
  line-height: 1.25 !important; padding: .2em .65em !important}
{both} .widget-hbox:has(> .jupyter-button), {both} .widget-toggle-buttons {
  flex-wrap: wrap; row-gap: .25em; height: auto}
{both} .widget-html-content {line-height: 1.4}
{both} .jupyter-widget-tab > .lm-TabBar {height: auto}
{both} .jupyter-widget-tab > .lm-TabBar > .lm-TabBar-content {flex-wrap: wrap}
{both} .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab {flex: 0 1 auto !important;
  max-width: 100% !important; min-width: 0; overflow: visible; line-height: 1.25;
  padding-top: .3em; padding-bottom: .3em}
{both} .jupyter-widget-tab > .lm-TabBar .lm-TabBar-tabLabel {line-height: 1.25 !important}
{both} .widget-dropdown {width: auto !important; min-width: 8em}
{both} :is(.widget-text, .widget-textarea, .widget-dropdown) {
  max-width: calc(100% - 2 * var(--jp-widgets-margin)) !important}
/* an empty box is at least as wide as the hint it shows ("New: type a name and press
   Enter"); where that does not fit beside its neighbours, a wrapping row moves it down */
{both} .widget-text input:placeholder-shown {field-sizing: content}
{both} .widget-text:has(> input:placeholder-shown) {min-width: fit-content !important}
{both} .widget-hbox > .widget-dropdown {flex: 1 1 auto}
{both} .widget-dropdown > select {height: var(--jp-widgets-inline-height); min-width: 6em;
  padding-right: 24px; flex: 1 1 auto}
{both} :is(.widget-select, .widget-select-multiple) {width: auto !important;
  max-width: 100%}
{both} .widget-hbox > .widget-html:last-child:has(> .widget-html-content:empty) {
  width: 0 !important; min-width: 0 !important; flex: 0 0 0 !important;
  margin: 0 !important}
{both} :is(.widget-image, .journeylab-chart img) {width: auto !important;
  height: auto !important; max-width: 100%; align-self: flex-start}
{both} .widget-hbox > .widget-vbox:has(> .widget-select) {max-width: 50%; min-width: 0}
/* on a phone, a menu's or a box's label goes above it, and the menu gets the whole width */
@media (max-width: 700px) {
  {both} .widget-inline-hbox:has(> .widget-label) {flex-wrap: wrap}
  {both} .widget-inline-hbox > .widget-label {width: 100% !important;
    text-align: left !important}
  {both} .widget-inline-hbox > :is(select, input) {flex: 1 1 100%}
}
"""

# Sizes. ipywidgets reads its sizes from CSS variables; JupyterLab and Voila draw the
# guidance beside the forms with --jp-content-font-size1, set on the notebook that holds a
# form in room mode. The text grows with the screen: 18 px at 1440 px wide, 24 at 1920.
_SIZES = """
.journeylab-room, .jp-Notebook:has(.journeylab-room) {
  --journeylab-text: clamp(18px, 1.25vw, 24px);
  --jp-content-font-size1: var(--journeylab-text)}
.journeylab-room {
  --jp-widgets-font-size: var(--journeylab-text);
  --jp-widgets-inline-height: 2em;
  --jp-widgets-inline-label-width: 9em;
  --jp-widgets-inline-width: 100%;
  --jp-widgets-horizontal-tab-height: 1.8em;
  --jp-widgets-horizontal-tab-width: auto;
  font-size: var(--journeylab-text); line-height: 1.4}
.journeylab-room .widget-hbox > :is(.widget-text, .widget-textarea) {flex-grow: 1}
.journeylab-room input[type=checkbox] {width: 1.1em; height: 1.1em}
/* the lanes of a stage one under another, each with the page's width for its cards */
.journeylab-room .widget-gridbox:has(> .journeylab-lane) {
  grid-template-columns: minmax(0, 1fr) !important}
/* the heads of a grid's rows and columns are not small print here */
.journeylab-room .widget-gridbox .widget-html-content > div {font-size: inherit !important}
/* A list and its item's fields, one above the other: each gets the page's width, so the
   longest item is whole and the fields are wide. */
.journeylab-room .widget-hbox:has(> .widget-vbox > .widget-select) {flex-wrap: wrap}
.journeylab-room .widget-hbox:has(> .widget-vbox > .widget-select) > .widget-vbox,
.journeylab-room .journeylab-start > .widget-hbox:first-child > .widget-vbox {
  flex: 1 1 100% !important; max-width: 100%}
.journeylab-room input, .journeylab-room textarea, .journeylab-room select,
.journeylab-room button, .journeylab-room table {font-size: inherit !important}
.jp-Notebook:has(.journeylab-room) .jp-RenderedHTMLCommon table {font-size: inherit}
/* large text in a table: less room between its columns, so that it fits the page */
.journeylab-room :is(th, td) {padding-left: .3em !important; padding-right: .3em !important;
  overflow-wrap: break-word}
.journeylab-compact {
  --journeylab-text: 14px;
  --jp-widgets-font-size: var(--journeylab-text);
  --jp-widgets-inline-height: 28px;
  font-size: var(--journeylab-text)}
/* the evidence's reading settings: columns as wide as their longest menu option */
.journeylab-compact .journeylab-evidence .widget-gridbox {
  grid-template-columns: repeat(auto-fill, minmax(34em, 1fr)) !important}
/* charts are drawn for the room; a laptop shows them smaller */
.journeylab-compact :is(.widget-image, .journeylab-chart img) {zoom: {laptop_zoom}}
.journeylab-mode-bar {justify-content: flex-end; align-items: center; gap: .5em;
  margin-bottom: .3em}
"""

#: The one stylesheet of both modes, as the ``<style>`` element a page needs once.
STYLESHEET = "<style>" + _WHOLE_WORDS.replace(
    "{both}", ":is(.journeylab-room, .journeylab-compact)") + _SIZES.replace(
    "{laptop_zoom}", f"{LAPTOP_CHART_DPI / FORM_DPI:.4g}") + "</style>"


class _Mode(traitlets.HasTraits):
    """The mode of every form in this kernel."""

    value = traitlets.Enum(list(SCOPES), default_value=ROOM)


_mode: _Mode | None = None
_following: weakref.WeakSet[widgets.DOMWidget] = weakref.WeakSet()


def current_mode() -> _Mode:
    """This kernel's mode, read from the user's preferences the first time."""
    global _mode
    if _mode is None:
        remembered = preferences.load()["mode"]
        _mode = _Mode(value=remembered if remembered in SCOPES else ROOM)
        _mode.observe(_switch, names="value")
    return _mode


def _switch(change: dict) -> None:
    for widget in list(_following):
        _scope(widget, change["new"])
    preferences.save(mode=change["new"])


def _scope(widget: widgets.DOMWidget, mode: str) -> None:
    for other in SCOPES.values():
        widget.remove_class(other)
    widget.add_class(SCOPES[mode])


def follow_mode(widget: widgets.DOMWidget) -> widgets.DOMWidget:
    """Give ``widget`` the class of the current mode, and the other one when it changes.

    The facilitator's app calls it on its root; :func:`styled` on every form.
    """
    _scope(widget, current_mode().value)
    _following.add(widget)
    return widget


def stylesheet() -> widgets.HTML:
    """The stylesheet of both modes, as a widget to show once on the page (it takes no room)."""
    sheet = widgets.HTML(STYLESHEET, layout=widgets.Layout(display="none"))
    sheet.add_class("journeylab-stylesheet")
    return sheet


def mode_toggle() -> widgets.ToggleButtons:
    """Two buttons, room and laptop, in the current language; every form follows the choice."""
    toggle = widgets.ToggleButtons(
        options=[(_("Room: large text"), ROOM), (_("Laptop: compact"), COMPACT)],
        tooltips=[_("For a projector: text readable from the back of the room, fields as "
                    "wide as the page"),
                  _("For a laptop screen: smaller text, more on the screen at once")],
        value=current_mode().value, style={"button_width": "auto"})
    toggle.add_class("journeylab-mode")
    traitlets.link((current_mode(), "value"), (toggle, "value"))
    return toggle


def mode_bar() -> widgets.HBox:
    """The toggle with what it is for, at the right edge above a form."""
    label = widgets.HTML(_("Text size"))
    bar = widgets.HBox([label, mode_toggle()])
    bar.add_class("journeylab-mode-bar")
    return bar


class Styled(widgets.VBox):
    """A form with the stylesheet, the mode toggle (unless ``toggle`` is false) and the class
    of the current mode."""

    def __init__(self, form: widgets.Widget, toggle: bool = True) -> None:
        self.form = form
        parts = [stylesheet(), mode_bar()] if toggle else [stylesheet()]
        super().__init__([*parts, form], layout=widgets.Layout(width="100%"))
        self.add_class("journeylab-styled")
        follow_mode(self)


def styled(form: widgets.Widget, toggle: bool = True) -> Styled:
    """``form`` drawn in the current mode, with the toggle to change it (``.form`` is ``form``)."""
    return Styled(form, toggle)


Shown = TypeVar("Shown", bound=widgets.Widget)


def shown_styled(form: Shown, toggle: bool = True) -> Shown:
    """``form`` itself, drawn as :func:`styled` draws it wherever a notebook displays it.

    What a form function returns stays the form (its parts, its type), for the code and
    tests that use it and for the facilitator's app, which places forms in a page that is
    styled as a whole. The styled frame is made only when the form is displayed.
    """
    def bundle(**kwargs: Any) -> dict:
        return styled(form, toggle)._repr_mimebundle_(**kwargs)

    form._repr_mimebundle_ = bundle
    return form
