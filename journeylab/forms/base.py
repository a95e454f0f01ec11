"""What every form shares: the open workshop, saving at once, messages, and list editing.

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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


# -- fields --------------------------------------------------------------------------------

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


def _widget_for(spec: FieldSpec, workshop: Workshop) -> widgets.ValueWidget:
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
        options = list(spec.options(workshop))
        return widgets.SelectMultiple(options=options, rows=min(max(len(options), 2), 8),
                                      layout=layout)
    if spec.kind == "bool":
        return widgets.Checkbox(indent=False)
    if spec.kind == "int":
        # unbounded on purpose: a bounded box would quietly turn 9 into 5 and save that;
        # the model refuses 9 and the message beside the field says what is allowed
        return widgets.IntText(layout=layout)
    if spec.kind == "float":
        return widgets.FloatText(layout=layout)
    if spec.kind == "date":
        return widgets.DatePicker(layout=layout)
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
    """A label (``*`` when required), an input, and the message about the value, side by side."""

    def __init__(self, spec: FieldSpec, workshop: Workshop) -> None:
        self.spec = spec
        marker = " <span title='{}' style='{}'>*</span>".format(html.escape(_("required")),
                                                                ERROR_STYLE)
        self.label = widgets.HTML(html.escape(spec.label) + (marker if spec.required else ""),
                                  layout=widgets.Layout(width="12em", min_width="12em"))
        self.input = _widget_for(spec, workshop)
        self.input.layout.min_width = "0"
        self.message = widgets.HTML(layout=widgets.Layout(width="16em", min_width="8em"))
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
        """Show ``message`` beside the field (empty: clear it)."""
        self.message.value = (f"<span style='{ERROR_STYLE}' role='alert'>"
                              f"{html.escape(message)}</span>" if message else "")


def problems_for(problems: Iterable[Problem], field_name: str) -> str:
    """The messages of ``problems`` that concern ``field_name`` of the item being edited."""
    found = [p.message for p in problems
             if p.path.split("[")[-1].split(".", 1)[-1].split("[")[0] == field_name
             or p.path.endswith(f".{field_name}")]
    return "; ".join(found)


# -- a list of items: choose, add, edit, delete with undo, reorder, filter -------------------

@dataclass
class ListSpec:
    """What an :class:`ItemEditor` edits: one kind of item and its fields."""

    kind: str  # stage, persona, participant, touchpoint, channel, insight, action
    list_name: str
    title: str
    fields: list[FieldSpec]
    new_defaults: Callable[[Workshop], dict[str, Any]] = field(default=lambda w: {})
    label: Callable[[Any], str] = field(default=lambda item: getattr(item, "name", item.id))


class ItemEditor(widgets.VBox):
    """Edit a list of items: pick one, change its fields, add (Enter), delete, undo, reorder."""

    def __init__(self, session: Session, spec: ListSpec) -> None:
        from .. import edit

        self.session, self.spec, self._edit = session, spec, edit
        self._undo: tuple[Workshop, Workshop] | None = None
        self._showing = False
        self.new_name = widgets.Text(placeholder=_("New: type a name and press Enter"),
                                     continuous_update=False,
                                     layout=widgets.Layout(width="24em"))
        self.add_button = widgets.Button(description=_("Add"), icon="plus",
                                         button_style="primary")
        self.filter = widgets.Text(placeholder=_("Filter"), continuous_update=True,
                                   layout=widgets.Layout(width="14em"))
        self.choice = widgets.Select(rows=10, layout=widgets.Layout(width="24em"))
        self.up = widgets.Button(description=_("Up"), icon="arrow-up")
        self.down = widgets.Button(description=_("Down"), icon="arrow-down")
        self.delete = widgets.Button(description=_("Delete"), icon="trash",
                                     button_style="danger")
        self.undo = widgets.Button(description=_("Undo delete"), icon="undo", disabled=True)
        for button in (self.up, self.down, self.delete, self.undo):
            button.layout.width = "auto"  # as wide as its words: the row fits under the list
        self.rows = [FieldRow(f, session.workshop) for f in spec.fields]
        self.message = widgets.HTML()
        for row in self.rows:
            row.input.observe(self._field_changed, names="value")
        self.new_name.observe(self._add_from_box, names="value")
        self.add_button.on_click(lambda _b: self._add(self.new_name.value))
        self.filter.observe(lambda _c: self._fill_choices(), names="value")
        self.choice.observe(lambda _c: self._show_selected(), names="value")
        self.up.on_click(lambda _b: self._move(-1))
        self.down.on_click(lambda _b: self._move(1))
        self.delete.on_click(lambda _b: self._delete())
        self.undo.on_click(lambda _b: self._undo_delete())
        session.on_change(self._refresh)
        left = widgets.VBox([widgets.HBox([self.new_name, self.add_button]), self.filter,
                             self.choice,
                             widgets.HBox([self.up, self.down, self.delete, self.undo]),
                             self.message])
        right = widgets.VBox(self.rows, layout=widgets.Layout(flex="1"))
        super().__init__([widgets.HTML(f"<h3>{html.escape(spec.title)}</h3>"),
                          widgets.HBox([left, right])])
        self._refresh(session.workshop)

    # what is shown
    def items(self) -> list[Any]:
        """The items of the list, in order."""
        return list(getattr(self.session.workshop, self.spec.list_name))

    def selected(self) -> Any | None:
        """The item being edited, if any."""
        return next((i for i in self.items() if i.id == self.choice.value), None)

    def _fill_choices(self) -> None:
        wanted = self.filter.value.strip().casefold()
        options = [(self.spec.label(item), item.id) for item in self.items()
                   if not wanted or wanted in self.spec.label(item).casefold()]
        current = self.choice.value
        self._showing = True
        try:
            self.choice.options = options
            ids = [value for _label, value in options]
            self.choice.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self._showing = False
        self._show_selected()

    def _show_selected(self) -> None:
        item = self.selected()
        self._showing = True
        try:
            for row in self.rows:
                row.input.disabled = item is None
                row.complain("")
                if item is not None:
                    row.show(getattr(item, row.spec.name))
        finally:
            self._showing = False

    def _refresh(self, workshop: Workshop) -> None:
        self._showing = True
        try:
            for row in self.rows:
                row.refresh_options(workshop)
        finally:
            self._showing = False
        self._fill_choices()

    # what the facilitator does
    def _add_from_box(self, change: dict) -> None:
        if change["new"].strip():
            self._add(change["new"])

    def _add(self, name: str) -> None:
        name = name.strip()
        if not name:
            self.message.value = ""
            return
        fields = {**self.spec.new_defaults(self.session.workshop), "name": name}
        if "title" in {f.name for f in self.spec.fields}:
            fields["title"] = fields.pop("name")
        taken = {item.id for item in self.items()}
        problems = self.session.apply(lambda w: self._edit.add(w, self.spec.kind, fields))
        if not problems:
            new_id = next(i.id for i in self.items() if i.id not in taken)
            self.new_name.value = ""
            self.choice.value = new_id

    def _field_changed(self, change: dict) -> None:
        if self._showing:
            return
        item = self.selected()
        row = next(r for r in self.rows if r.input is change["owner"])
        if item is None:
            return
        value = row.read()
        problems = self.session.apply(
            lambda w: self._edit.update(w, self.spec.kind, item.id, **{row.spec.name: value}))
        # a refused value stays in the field, with the reason beside it
        row.complain(problems_for(problems, row.spec.name))

    def _move(self, offset: int) -> None:
        item = self.selected()
        if item is not None:
            self.session.apply(lambda w: self._edit.move(w, self.spec.kind, item.id, offset))

    def _delete(self) -> None:
        item = self.selected()
        if item is None:
            return
        before = self.session.workshop
        used_by = self._edit.dependents(before, self.spec.kind, item.id)
        if used_by and self.delete.description != _("Confirm delete"):
            self.message.value = (f"<span style='{ERROR_STYLE}'>"
                                  + html.escape(_("'{name}' is used by: {users}. Press "
                                                  "'Confirm delete' to delete it and what "
                                                  "depends on it.", name=self.spec.label(item),
                                                  users="; ".join(used_by))) + "</span>")
            self.delete.description = _("Confirm delete")
            return
        self.delete.description = _("Delete")
        problems = self.session.apply(
            lambda w: self._edit.remove(w, self.spec.kind, item.id, cascade=True))
        if not problems:
            self._undo = (before, self.session.workshop)
            self.undo.disabled = False
            self.message.value = html.escape(_("Deleted '{name}'.", name=self.spec.label(item)))

    def _undo_delete(self) -> None:
        if self._undo is None:
            return
        (before, after), self._undo = self._undo, None
        self.undo.disabled = True

        def restore(workshop: Workshop) -> Workshop:
            if workshop != after:  # never undo over changes saved since the delete
                raise JourneyLabError(_("Cannot undo: the workshop has changed since the "
                                        "delete."))
            return before

        if not self.session.apply(restore):
            self.message.value = html.escape(_("Restored."))


# -- showing what has been entered --------------------------------------------------------

def figure_png(figure) -> bytes:
    """A chart as PNG bytes for a ``widgets.Image``."""
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


def html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    """An HTML table with header cells; every value is escaped."""
    head = "".join(f"<th scope='col'>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"<table class='journeylab-table'>{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")
