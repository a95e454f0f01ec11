"""One field of a form: what it holds, the input that shows it, and the message beside it."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import traitlets

from ..errors import Problem
from ..i18n import _, date_hint, format_field_date, parse_field_date
from ..model import Workshop
from .session import ERROR_STYLE, SaveMark


@dataclass
class FieldSpec:
    """One field of an item form: which model field, how it is shown, what it may hold."""

    name: str
    label: str
    kind: str = "text"  # text, textarea, choice, multi, bool, int, float, date, lines
    required: bool = False
    options: Callable[[Workshop], Sequence[tuple[str, Any]]] | None = None
    minimum: float | None = None
    maximum: float | None = None


#: A tick box's words wrap beside the box instead of ending in "…": a stage or a channel
#: is read whole.
TICK_BOXES_CSS = (
    ".journeylab-tick-boxes .widget-checkbox {width: auto; height: auto; min-height: "
    "var(--jp-widgets-inline-height)}"
    ".journeylab-tick-boxes .widget-label-basic {display: flex; align-items: baseline; "
    "gap: .3em}"
    ".journeylab-tick-boxes .widget-label-basic, .journeylab-tick-boxes .widget-label-basic "
    "> span {white-space: normal; overflow: visible; text-overflow: clip; height: auto; "
    "line-height: 1.3; min-width: 0}")


class TickBoxes(widgets.Box):
    """Several choices at once: one tick box per option, wrapping onto as many lines as needed.

    Each label is shown whole, and a click (or Space) ticks one box: nobody needs to know
    that a list takes Ctrl+click. It is used like ipywidgets' ``SelectMultiple``:
    ``options`` is a list of ``(label, value)``, ``value`` the tuple of values ticked (in
    the order of the options), observed as ``observe(handler, names="value")``.
    """

    value = traitlets.Tuple()
    options = traitlets.Tuple()
    disabled = traitlets.Bool(False)
    description = traitlets.Unicode("")

    def __init__(self, options: Sequence[tuple[str, Any]] = (), value: Sequence[Any] = (),
                 **kwargs: Any) -> None:
        self.boxes: dict[Any, widgets.Checkbox] = {}  # by option value
        self._caption = widgets.HTML()
        self._ticking = False
        super().__init__(**kwargs)
        self.add_class("journeylab-tick-boxes")
        self.layout.flex_flow = "row wrap"
        self.layout.align_items = "center"
        self.options = options
        self.value = tuple(value)

    @traitlets.validate("options")
    def _pairs(self, proposal: dict) -> tuple:
        return tuple((label, value) for label, value in proposal["value"])

    @traitlets.validate("value")
    def _known(self, proposal: dict) -> tuple:
        wanted = set(proposal["value"])
        unknown = wanted - set(self.boxes)
        if unknown:
            raise traitlets.TraitError(f"not among the options: {sorted(map(str, unknown))}")
        return tuple(v for v in self.boxes if v in wanted)

    @traitlets.observe("options")
    def _options_changed(self, change: dict) -> None:
        old = self.boxes
        self.boxes = {}
        for label, value in change["new"]:
            box = old.pop(value, None) or self._new_box(value)
            box.description = str(label)
            self.boxes[value] = box
        for box in old.values():
            box.close()
        self.value = tuple(v for v in self.value if v in self.boxes)
        self._show()

    @traitlets.observe("value", "disabled", "description")
    def _show(self, _change: dict | None = None) -> None:
        self._ticking = True
        try:
            for value, box in self.boxes.items():
                box.value = value in self.value
                box.disabled = self.disabled
        finally:
            self._ticking = False
        self._caption.value = html.escape(self.description)
        caption = (self._caption,) if self.description else ()
        self.children = (*caption, *self.boxes.values())

    def _new_box(self, value: Any) -> widgets.Checkbox:
        box = widgets.Checkbox(indent=False, layout=widgets.Layout(
            width="auto", max_width="100%", margin="0 1.2em 0 0"))
        box.observe(lambda change: self._ticked(value, change["new"]), names="value")
        return box

    def _ticked(self, value: Any, ticked: bool) -> None:
        if not self._ticking:
            chosen = set(self.value) | {value} if ticked else set(self.value) - {value}
            self.value = tuple(chosen)


class DateField(widgets.Box):
    """A date typed as the room writes it (``31.03.2027``; ISO ``2027-03-31`` too).

    It shows the date in the workshop language's short form, with that form as its
    placeholder ("дд.мм.гггг"), and is used like ipywidgets' ``DatePicker``: ``value`` is a
    ``datetime.date`` or ``None`` (an empty field). Text that is no date leaves ``value`` as
    it was and says why in :attr:`error`; the text stays, to be corrected.
    """

    value = traitlets.Any(None)
    error = traitlets.Unicode("")
    disabled = traitlets.Bool(False)

    def __init__(self, **kwargs: Any) -> None:
        self.text = widgets.Text(continuous_update=False, placeholder=date_hint(),
                                 layout=widgets.Layout(width="100%", min_width="0"))
        self._typing = False
        super().__init__([self.text], **kwargs)
        self.add_class("journeylab-date")
        self.text.observe(self._typed, names="value")
        traitlets.link((self, "disabled"), (self.text, "disabled"))

    @traitlets.validate("value")
    def _shown(self, proposal: dict) -> dt.date | None:
        value = proposal["value"]
        if value is not None and not isinstance(value, dt.date):
            raise traitlets.TraitError(f"a date or None, not {value!r}")
        # shown on every setting, also of the same date: it replaces a refused text
        if not self._typing:
            self.text.value = format_field_date(value) if value else ""
            self.error = ""
        return value

    def _typed(self, change: dict) -> None:
        if self._typing:
            return
        text = change["new"].strip()
        try:
            date = parse_field_date(text) if text else None
        except ValueError:
            self.error = _("must be a date written as {hint}, such as {example}",
                           hint=date_hint(), example=format_field_date(dt.date(2027, 3, 31)))
            return
        self._typing = True
        try:
            self.value = date
            self.error = ""
            self.text.value = format_field_date(date) if date else ""  # as it will be read
        finally:
            self._typing = False


def _widget_for(spec: FieldSpec, workshop: Workshop) -> widgets.DOMWidget:
    layout = widgets.Layout(width="100%")
    if spec.kind == "textarea":
        return widgets.Textarea(continuous_update=False, layout=widgets.Layout(width="100%",
                                                                               height="5em"))
    if spec.kind == "lines":
        return widgets.Textarea(continuous_update=False, placeholder=_("one per line"),
                                layout=widgets.Layout(width="100%", height="5em"))
    if spec.kind == "choice":
        return widgets.Dropdown(options=list(spec.options(workshop)), layout=layout)
    if spec.kind == "multi":
        return TickBoxes(options=list(spec.options(workshop)), layout=layout)
    if spec.kind == "bool":
        return widgets.Checkbox(indent=False)
    if spec.kind == "int":
        # unbounded on purpose: a bounded box would quietly turn 9 into 5 and save that;
        # the model refuses 9 and the message beside the field says what is allowed
        return widgets.IntText(layout=layout)
    if spec.kind == "float":
        return widgets.FloatText(layout=layout)
    if spec.kind == "date":
        return DateField(layout=layout)
    return widgets.Text(continuous_update=False, layout=layout)


def _to_widget(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "lines":
        return "\n".join(value or [])
    if spec.kind == "multi":
        return tuple(value or ())
    if spec.kind in ("text", "textarea") and value is None:
        return ""
    if spec.kind == "choice" and hasattr(value, "value"):
        return value.value
    return value


def _from_widget(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "lines":
        return [line.strip() for line in value.splitlines() if line.strip()]
    if spec.kind == "multi":
        return list(value)
    return value


class FieldRow(widgets.HBox):
    """A label (``*`` when required), an input, and the message about the value, side by side.

    :attr:`message` is the :class:`SaveMark` a change of this field is saved beside.
    """

    def __init__(self, spec: FieldSpec, workshop: Workshop) -> None:
        self.spec = spec
        marker = " <span title='{}' style='{}'>*</span>".format(html.escape(_("required")),
                                                                ERROR_STYLE)
        self.label = widgets.HTML(html.escape(spec.label) + (marker if spec.required else ""),
                                  layout=widgets.Layout(width="12em", min_width="12em"))
        self.input = _widget_for(spec, workshop)
        self.input.layout.min_width = "0"
        self.message = SaveMark(layout=widgets.Layout(width="16em", min_width="8em"))
        if isinstance(self.input, DateField):  # text that is no date is refused right here
            self.input.observe(lambda change: self.complain(change["new"]), names="error")
        super().__init__([self.label, self.input, self.message],
                         layout=widgets.Layout(width="100%", align_items="center"))

    def show(self, value: Any) -> None:
        """Put ``value`` (as the model holds it) into the input."""
        self.input.value = _to_widget(self.spec, value)

    def read(self) -> Any:
        """The input's value as the model takes it."""
        return _from_widget(self.spec, self.input.value)

    def refresh_options(self, workshop: Workshop) -> None:
        """Renew the choices of a menu from the workshop (stages may have changed)."""
        if self.spec.options is not None:
            current = self.input.value
            self.input.options = list(self.spec.options(workshop))
            allowed = {value for _label, value in self.input.options}
            if self.spec.kind == "multi":
                self.input.value = tuple(v for v in current if v in allowed)
            elif current in allowed:
                self.input.value = current

    def complain(self, message: str) -> None:
        """Show ``message`` beside the field as why its value is refused.

        Empty: the value is no longer refused, and the refusal goes; a "Saved" stays.
        """
        if message:
            self.message.refused(message)
        elif self.message.state == "refused":
            self.message.clear()


def problems_for(problems: Iterable[Problem], field_name: str) -> str:
    """The messages of ``problems`` that concern ``field_name`` of the item being edited."""
    found = [p.message for p in problems
             if p.path.split("[")[-1].split(".", 1)[-1].split("[")[0] == field_name
             or p.path.endswith(f".{field_name}")]
    return "; ".join(found)
