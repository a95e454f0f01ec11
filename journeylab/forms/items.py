"""A list of items: choose, add, edit, delete with undo, reorder, filter.

The list follows the workshop as others change it too. What a person typed is never lost:
a field is set only when its saved value changed, a value refused stays with its reason,
and when the item being edited is deleted on another screen its fields keep what was typed,
with a button beside the list to add it back as a new item.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import N_, _
from ..model import Workshop
from .fields import FieldRow, FieldSpec
from .live import LiveForm
from .parts import set_options
from .session import SaveMark, Session

#: What the list says of an item deleted on another screen, and its button to add it back.
GONE_WORDS = {
    "stage": (N_("This stage was deleted on another screen. Your text is kept."),
              N_("Add it back as a new stage")),
    "participant": (N_("This participant was deleted on another screen. Your text is kept."),
                    N_("Add them back as a new participant")),
    "touchpoint": (N_("This touchpoint was deleted on another screen. Your text is kept."),
                   N_("Add it back as a new touchpoint")),
    "persona": (N_("This persona was deleted on another screen. Your text is kept."),
                N_("Add it back as a new persona")),
    "insight": (N_("This insight was deleted on another screen. Your text is kept."),
                N_("Add it back as a new insight")),
    "action": (N_("This action was deleted on another screen. Your text is kept."),
               N_("Add it back as a new action")),
}


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
        self._shown: Any | None = None  # the item whose values the rows show
        self.orphan: Any | None = None  # that item, when it was deleted on another screen
        self._deleting: str | None = None  # the id of the item this screen deletes now
        self.add_back = widgets.Button(icon="plus", button_style="warning",
                                       layout=widgets.Layout(width="auto", display="none"))
        self.add_back.add_class("journeylab-add-back")
        self.add_back.on_click(lambda _b: self._add_back())
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
                             self.message, self.add_back])
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
            if self._deleted_elsewhere():
                self.choice.value = None  # not another item: the rows keep what was typed
        self._show_selected()

    def _deleted_elsewhere(self) -> bool:
        """Whether the item the rows show was deleted, and not by this screen."""
        shown = self._shown
        if shown is None or shown.id == self._deleting:
            return False
        if any(item.id == shown.id for item in self.items()):
            return False
        return self.orphan is not None or self.session.elsewhere is not None

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
        shown = self._shown
        if item is None and self._deleted_elsewhere():
            self._keep_orphan(shown)  # what was typed stays in the rows
            return
        self._forget_orphan()
        before = self._before_elsewhere(item)
        with self.quietly():
            for row in self.rows:
                row.input.disabled = item is None
                if item is None or shown is None or shown.id != item.id:
                    row.message.clear()  # what it said was about the value shown before
                    if item is not None:
                        row.show(getattr(item, row.spec.name))
                    continue
                value = getattr(item, row.spec.name)
                if before is not None and row.message.state == "refused" \
                        and value == getattr(before, row.spec.name):
                    continue  # a change from elsewhere leaves a refused value to be corrected
                row.show(value)  # a value that did not change is not sent again
                if self._changed_there(item, before, row.spec.name):
                    row.message.note(_("Changed on another screen"))
                elif row.message.state in ("refused", "note"):
                    row.message.clear()
        self._shown = item

    def _before_elsewhere(self, item: Any | None) -> Any | None:
        """``item`` as it was before a change saved on another screen being shown now."""
        before = self.session.elsewhere
        if item is None or before is None:
            return None
        return next((i for i in getattr(before, self.spec.list_name) if i.id == item.id), None)

    def _changed_there(self, item: Any, before: Any | None, field_name: str) -> bool:
        """Whether the other screen changed ``field_name`` of ``item`` (not this one)."""
        theirs = self.session.theirs
        if before is None or theirs is None:
            return False
        their_item = next((i for i in getattr(theirs, self.spec.list_name)
                           if i.id == item.id), None)
        return their_item is not None and \
            getattr(their_item, field_name) != getattr(before, field_name)

    def _keep_orphan(self, item: Any) -> None:
        self.orphan = item
        gone, add_back = GONE_WORDS.get(self.spec.kind, GONE_WORDS["touchpoint"])
        self.message.refused(_(gone))
        self.add_back.description = _(add_back)
        self.add_back.layout.display = ""

    def _forget_orphan(self) -> None:
        if self.orphan is not None:
            self.orphan = None
            self.add_back.layout.display = "none"
            if self.message.state == "refused":
                self.message.clear()

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
        if self._add_item(fields, name):
            self.new_name.value = ""

    def _add_item(self, fields: dict[str, Any], name: str) -> bool:
        """Add an item made of ``fields`` and show it; whether it was saved."""
        added: list[str] = []

        def add(workshop: Workshop) -> Workshop:
            # made again on top of what others saved meanwhile: the id is this run's
            changed = self._edit.add(workshop, self.spec.kind, fields)
            added[:] = [getattr(changed, self.spec.list_name)[-1].id]
            return changed

        problems = self.session.apply(add, beside=self.message,
                                      what=_("Added '{name}'.", name=name))
        if problems:
            return False
        self._forget_orphan()
        with self.quietly():  # the new item is shown, and "Added …" stays beside it
            self.choice.value = added[0]
        self.delete.description = _("Delete")
        self._show_selected()
        return True

    def _add_back(self) -> None:
        """Add the item deleted on another screen again, with what the rows hold now."""
        item = self.orphan
        if item is None:
            return
        fields = {key: value for key, value in item.model_dump().items() if key != "id"}
        fields.update({row.spec.name: row.read() for row in self.rows})
        name = str(fields.get("name") or fields.get("title") or "")
        self._add_item(fields, name)

    def _field_changed(self, change: dict) -> None:
        if self.quiet:
            return
        item = self.selected()
        row = next(r for r in self.rows if r.input is change["owner"])
        if item is None:
            if self.orphan is not None:  # typed into an item deleted elsewhere: kept, unsaved
                self._keep_orphan(self.orphan)
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
        self._deleting = item.id
        try:
            problems = self.session.apply(
                lambda w: self._edit.remove(w, self.spec.kind, item.id, cascade=True),
                beside=self.message, what=_("Deleted '{name}'.", name=self.spec.label(item)))
        finally:
            self._deleting = None
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
