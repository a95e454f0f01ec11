"""The workshop's own channels: add one, online or offline, and change that later.

The room decides whether a channel is online or offline *before* it is added: the choice
stands before the name, and nothing is saved until Enter or "Add channel". Typing, or
leaving the box to tick something, saves nothing, so an offline channel is never saved as
online by accident.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..channels import channel_labels, channel_named, new_channel_id
from ..i18n import _
from ..model import Workshop
from .parts import note
from .session import Session


def _online_options() -> list[tuple[str, bool]]:
    return [(_("online"), True), (_("offline"), False)]


def _online_choice(value: bool = True) -> widgets.ToggleButtons:
    choice = widgets.ToggleButtons(options=_online_options(), value=value,
                                   style={"button_width": "auto"})
    choice.add_class("journeylab-online-choice")
    return choice


def on_enter(box: widgets.Text, callback: Callable[[], None]) -> None:
    """Call ``callback`` when Enter is pressed in ``box`` (not when the box loses focus).

    The browser sends ``{"event": "submit"}`` on Enter whatever ``continuous_update`` says;
    listening for it ourselves avoids ipywidgets' deprecated ``on_submit``.
    """
    def handle(_widget: Any, content: dict, _buffers: Any) -> None:
        if content.get("event") == "submit":
            callback()

    box.on_msg(handle)


def with_channel_online(workshop: Workshop, channel_id: str, online: bool) -> Workshop:
    """``workshop`` with its own channel ``channel_id`` made online or offline, and the
    touchpoints in that channel with it (each can still be set apart afterwards)."""
    changed = edit.update(workshop, "channel", channel_id, online=online)
    for point in workshop.touchpoints:
        if point.channel == channel_id and point.online != online:
            changed = edit.update(changed, "touchpoint", point.id, online=online)
    return changed


class OwnChannels(widgets.VBox):
    """Add a channel the catalogue lacks, and switch the workshop's own channels online or
    offline."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.online = _online_choice()
        self.name = widgets.Text(placeholder=_("Name of the new channel"),
                                 continuous_update=True,  # a value alone saves nothing
                                 layout=widgets.Layout(width="100%"))
        self.name.add_class("journeylab-new-channel")
        self.add = widgets.Button(description=_("Add channel"), icon="plus",
                                  layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.rows = widgets.VBox()
        self.choices: dict[str, widgets.ToggleButtons] = {}
        self.names: dict[str, widgets.HTML] = {}
        self._key: tuple = ()
        self._showing = False
        on_enter(self.name, self.add_channel)
        self.add.on_click(lambda _b: self.add_channel())
        self.name.observe(self._typed, names="value")
        super().__init__([
            widgets.HTML(html.escape(_("For a channel the menu does not list. It is added "
                                       "to the Channel menus."))),
            self.online, self.name, self.add, self.message,
            widgets.HTML(f"<b>{html.escape(_('Your channels'))}</b>"), self.rows])
        self.add_class("journeylab-own-channels")
        self.refresh(session.workshop)

    # -- what the facilitator does -------------------------------------------------------------
    def _typed(self, _change: dict) -> None:
        self.message.value = ""  # what it said was about the name before this one

    def add_channel(self) -> None:
        """Add the channel named in the box, online or offline as chosen above it."""
        name = self.name.value.strip()
        if not name:
            self.message.value = note(_("Type the channel's name first."), error=True)
            return
        workshop = self.session.workshop
        existing = channel_named(workshop, name)
        if existing is not None:
            self.message.value = note(_("There is already a channel called '{name}'.",
                                        name=channel_labels(workshop)[existing]), error=True)
            return
        online = self.online.value
        problems = self.session.apply(lambda w: edit.add(
            w, "channel", {"id": new_channel_id(w, name), "name": name, "online": online}))
        if problems:
            self.message.value = note("; ".join(p.message for p in problems), error=True)
            return
        self.name.value = ""
        self.message.value = note(_("Added '{name}': choose it in the Channel menu.",
                                    name=name))

    def _switched(self, channel_id: str, online: bool) -> None:
        if self._showing:
            return
        problems = self.session.apply(lambda w: with_channel_online(w, channel_id, online))
        if problems:
            self.message.value = note("; ".join(p.message for p in problems), error=True)
            self.refresh(self.session.workshop)  # show what is saved, not what was refused
        else:
            self.message.value = ""

    # -- what is shown ---------------------------------------------------------------------------
    def refresh(self, workshop: Workshop) -> None:
        """Show the workshop's own channels, each with its online/offline choice."""
        key = tuple(c.id for c in workshop.channels)
        if key != self._key:
            self._key = key
            self._build(workshop)
        self._showing = True
        try:
            for channel in workshop.channels:
                self.names[channel.id].value = html.escape(channel.name)
                self.choices[channel.id].value = channel.online
        finally:
            self._showing = False

    def _build(self, workshop: Workshop) -> None:
        for part in (*self.choices.values(), *self.names.values()):
            part.close()
        self.choices, self.names = {}, {}
        rows = []
        for channel in workshop.channels:
            name = self.names[channel.id] = widgets.HTML(
                layout=widgets.Layout(min_width="10em"))
            choice = self.choices[channel.id] = _online_choice(channel.online)
            choice.add_class(f"journeylab-channel-{channel.id}")
            choice.observe(lambda change, c=channel.id: self._switched(c, change["new"]),
                           names="value")
            rows.append(widgets.HBox([name, choice], layout=widgets.Layout(
                align_items="center", flex_flow="row wrap")))
        self.rows.children = rows or [widgets.HTML(html.escape(_("None yet.")))]
