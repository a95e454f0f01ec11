"""A list of items: choose, add, edit, delete with undo, reorder, filter."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import _
from ..model import Workshop
from .fields import FieldRow, FieldSpec
from .live import LiveForm
from .parts import set_options
from .session import SaveMark, Session


@dataclass
class ListSpec:
    """What an :class:`ItemEditor` edits: one kind of item and its fields."""

    kind: str  # stage, persona, participant, touchpoint, channel, insight, action
    list_name: str
    title: str
    fields: list[FieldSpec]
    new_defaults: Callable[[Workshop], dict[str, Any]] = field(default=lambda w: {})
    label: Callable[[Any], str] = field(default=lambda item: getattr(item, "name", item.id))


class ItemEditor(LiveForm):
    """Edit a list of items: pick one, change its fields, add (Enter), delete, undo, reorder."""

    def __init__(self, session: Session, spec: ListSpec) -> None:
        from .. import edit

        self.spec, self._edit = spec, edit
        self._undo: tuple[Workshop, Workshop] | None = None
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
        for part, name in ((self.new_name, "new-item"), (self.add_button, "add-item"),
                           (self.choice, "items")):
            part.add_class(f"journeylab-{name}")  # stable handles in every language
        self.rows = [FieldRow(f, session.workshop) for f in spec.fields]
        self.message = SaveMark()  # beside the list: adding, moving, deleting
        for row in self.rows:
            row.input.observe(self._field_changed, names="value")
        self.new_name.observe(self._add_from_box, names="value")
        self.add_button.on_click(lambda _b: self._add(self.new_name.value))
        self.filter.observe(lambda _c: self._fill_choices(), names="value")
        self.choice.observe(self._chosen, names="value")
        self.up.on_click(lambda _b: self._move(-1))
        self.down.on_click(lambda _b: self._move(1))
        self.delete.on_click(lambda _b: self._delete())
        self.undo.on_click(lambda _b: self._undo_delete())
        left = widgets.VBox([widgets.HBox([self.new_name, self.add_button]), self.filter,
                             self.choice,
                             widgets.HBox([self.up, self.down, self.delete, self.undo]),
                             self.message])
        right = widgets.VBox(self.rows, layout=widgets.Layout(flex="1"))
        super().__init__(session, [widgets.HTML(f"<h3>{html.escape(spec.title)}</h3>"),
                                   widgets.HBox([left, right])])
        self.refresh(session.workshop)

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
        with self.quietly():
            set_options(self.choice, options)
        self._show_selected()

    def _chosen(self, _change: dict) -> None:
        if self.quiet:
            return
        # whatever it said ("Deleted …", a question about deleting) was about the item or
        # list before this choice
        self.message.clear()
        self.delete.description = _("Delete")
        self._show_selected()

    def _show_selected(self) -> None:
        item = self.selected()
        with self.quietly():
            for row in self.rows:
                row.input.disabled = item is None
                row.message.clear()  # what it said was about the value shown before
                if item is not None:
                    row.show(getattr(item, row.spec.name))

    def refresh(self, workshop: Workshop) -> None:
        """Renew the menus of the fields and the list from ``workshop``."""
        with self.quietly():
            for row in self.rows:
                row.refresh_options(workshop)
        self._fill_choices()

    # what the facilitator does
    def _add_from_box(self, change: dict) -> None:
        if change["new"].strip():
            self._add(change["new"])

    def _add(self, name: str) -> None:
        name = name.strip()
        if not name:
            self.message.clear()
            return
        fields = {**self.spec.new_defaults(self.session.workshop), "name": name}
        if "title" in {f.name for f in self.spec.fields}:
            fields["title"] = fields.pop("name")
        taken = {item.id for item in self.items()}
        problems = self.session.apply(lambda w: self._edit.add(w, self.spec.kind, fields),
                                      beside=self.message, what=_("Added '{name}'.", name=name))
        if not problems:
            new_id = next(i.id for i in self.items() if i.id not in taken)
            self.new_name.value = ""
            with self.quietly():  # the new item is shown, and "Added …" stays beside it
                self.choice.value = new_id
            self.delete.description = _("Delete")
            self._show_selected()

    def _field_changed(self, change: dict) -> None:
        if self.quiet:
            return
        item = self.selected()
        row = next(r for r in self.rows if r.input is change["owner"])
        if item is None:
            return
        value = row.read()
        # a refused value stays in the field, with the reason beside it
        self.session.apply(
            lambda w: self._edit.update(w, self.spec.kind, item.id, **{row.spec.name: value}),
            beside=row.message)

    def _move(self, offset: int) -> None:
        item = self.selected()
        if item is not None:
            self.session.apply(lambda w: self._edit.move(w, self.spec.kind, item.id, offset),
                               beside=self.message)

    def _delete(self) -> None:
        item = self.selected()
        if item is None:
            return
        before = self.session.workshop
        used_by = self._edit.dependents(before, self.spec.kind, item.id)
        if used_by and self.delete.description != _("Confirm delete"):
            self.message.refused(_("'{name}' is used by: {users}. Press 'Confirm delete' to "
                                   "delete it and what depends on it.",
                                   name=self.spec.label(item), users="; ".join(used_by)))
            self.delete.description = _("Confirm delete")
            return
        self.delete.description = _("Delete")
        problems = self.session.apply(
            lambda w: self._edit.remove(w, self.spec.kind, item.id, cascade=True),
            beside=self.message, what=_("Deleted '{name}'.", name=self.spec.label(item)))
        if not problems:
            self._undo = (before, self.session.workshop)
            self.undo.disabled = False

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

        self.session.apply(restore, beside=self.message, what=_("Restored."))
