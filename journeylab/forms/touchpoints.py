"""Step 2, the touchpoint inventory: every place customer and company meet, and where it sits.

The room calls out touchpoints faster than anyone can type, so names can be typed one at a
time (Enter adds) or pasted many at once; channel, owner and stages are filled in after.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..channels import (
    DEFAULT_CHANNEL,
    channel_labels,
    channel_named,
    channel_online,
    channel_options,
    new_channel_id,
    parse_names,
)
from ..charts.touchpoints import live_stage_channel_chart, stage_channel_counts
from ..i18n import _
from ..model import Touchpoint, Workshop
from .base import FieldSpec, ItemEditor, ListSpec, Session, html_table, problems_for
from .parts import fit_beside_list, note, replaces_earlier, spare_the_collector


def _stage_options(workshop: Workshop) -> list[tuple[str, str]]:
    return [(stage.name, stage.id) for stage in workshop.stages]


class _TouchpointEditor(ItemEditor):
    """The list editor, where choosing a channel also sets online/offline from that channel."""

    def _field_changed(self, change: dict) -> None:
        row = next(r for r in self.rows if r.input is change["owner"])
        item = self.selected()
        if row.spec.name != "channel" or self._showing or item is None:
            super()._field_changed(change)
            return
        channel = row.read()
        problems = self.session.apply(lambda w: edit.update(
            w, "touchpoint", item.id, channel=channel, online=channel_online(w, channel)))
        row.complain(problems_for(problems, "channel"))


class TouchpointsForm(widgets.VBox):
    """The touchpoint inventory: list editor, bulk paste, own channels, table and chart."""

    def __init__(self, session: Session) -> None:
        self.session = session
        spec = ListSpec(
            kind="touchpoint", list_name="touchpoints", title=_("Touchpoints"),
            fields=[
                FieldSpec("name", _("Name"), required=True),
                FieldSpec("channel", _("Channel"), "choice", required=True,
                          options=channel_options),
                FieldSpec("online", _("Online"), "bool"),
                FieldSpec("owner", _("Owning department")),
                FieldSpec("stages", _("Stages"), "multi",
                          options=_stage_options),
                FieldSpec("description", _("Description"), "textarea"),
            ],
            new_defaults=self._new_defaults, label=self._label)
        self.editor = _TouchpointEditor(session, spec)
        fit_beside_list(self.editor)

        # many names at once, as the room calls them out or copied from a spreadsheet column
        self.paste = widgets.Textarea(
            placeholder=_("Paste or type touchpoint names, one per line"),
            layout=widgets.Layout(width="100%", height="8em"))
        self.paste.add_class("journeylab-paste")
        self.paste_channel = widgets.Dropdown(
            description=_("Channel"), options=channel_options(session.workshop),
            value=DEFAULT_CHANNEL, layout=widgets.Layout(width="100%"))
        self.add_all = widgets.Button(description=_("Add all"), icon="list",
                                      button_style="primary")
        self.paste_message = widgets.HTML()
        self.add_all.on_click(lambda _b: self.add_pasted())

        # a channel the catalogue lacks (a comparison site, home delivery …)
        self.channel_name = widgets.Text(placeholder=_("Name of the new channel"),
                                         continuous_update=False,
                                         layout=widgets.Layout(width="100%"))
        self.channel_name.add_class("journeylab-new-channel")
        self.channel_online = widgets.Checkbox(value=True, description=_("Online"),
                                               indent=False)
        self.add_channel = widgets.Button(description=_("Add channel"), icon="plus")
        self.channel_message = widgets.HTML()
        self.channel_name.observe(self._channel_entered, names="value")
        self.add_channel.on_click(lambda _b: self.add_new_channel())

        self.table = widgets.HTML(layout=widgets.Layout(max_height="26em", overflow="auto"))
        self.chart = widgets.Image(format="png", layout=widgets.Layout(
            width="auto", max_width="100%", align_self="flex-start"))  # natural size
        self._chart_data: Any = None
        self._live_chart = live_stage_channel_chart()
        self.editor.filter.observe(lambda _c: self._show_table(self.session.workshop),
                                   names="value")
        session.on_change(self._refresh)
        replaces_earlier(session, "touchpoints", [self.editor._refresh, self._refresh])

        box = widgets.Layout(flex="1 1 0", min_width="20em", padding="0 1em 0 0")
        paste_box = widgets.VBox([
            widgets.HTML(f"<h4>{html.escape(_('Add many at once'))}</h4>"),
            self.paste, self.paste_channel, self.add_all, self.paste_message], layout=box)
        channel_box = widgets.VBox([
            widgets.HTML(f"<h4>{html.escape(_('A channel of your own'))}</h4>"),
            widgets.HTML(html.escape(_("For a channel the menu does not list. It is added "
                                       "to the Channel menus."))),
            self.channel_name, self.channel_online, self.add_channel, self.channel_message],
            layout=box)
        super().__init__([
            self.editor, session.status,
            widgets.HBox([paste_box, channel_box], layout=widgets.Layout(width="100%")),
            widgets.HTML(f"<h4>{html.escape(_('What the room has listed'))}</h4>"),
            self.table, self.chart,
        ])
        self.add_class("journeylab-touchpoints")
        self._refresh(session.workshop)

    # -- helpers the list editor calls ------------------------------------------------------
    def _label(self, point: Touchpoint) -> str:
        channel = channel_labels(self.session.workshop).get(point.channel, point.channel)
        return _("{name} · {channel}", name=point.name, channel=channel)

    def _new_defaults(self, workshop: Workshop) -> dict[str, Any]:
        # the room tends to list a channel's touchpoints together: keep the channel in use
        selected = self.editor.selected()
        channel = selected.channel if selected is not None else DEFAULT_CHANNEL
        return {"channel": channel, "online": channel_online(workshop, channel)}

    # -- what the facilitator does -------------------------------------------------------------
    def add_pasted(self) -> None:
        """Add every new name in the paste box as a touchpoint, in one saved change."""
        workshop = self.session.workshop
        pasted = parse_names(self.paste.value, [t.name for t in workshop.touchpoints])
        channel = self.paste_channel.value or DEFAULT_CHANNEL
        fields = {"channel": channel, "online": channel_online(workshop, channel)}

        def add_all(current: Workshop) -> Workshop:
            for name in pasted.names:
                current = edit.add(current, "touchpoint", {**fields, "name": name})
            return current

        if not (pasted.names or pasted.duplicates or pasted.invalid):
            self.paste_message.value = note(_("Type or paste names first, one per line."),
                                             error=True)
            return
        problems = self.session.apply(add_all) if pasted.names else []
        if problems:
            self.paste_message.value = note(
                _("Nothing was added: {reason}", reason="; ".join(str(p) for p in problems)),
                error=True)
            return
        parts = [_("Added: {count}.", count=len(pasted.names))]
        if pasted.duplicates:
            parts.append(_("Skipped, already in the list: {count} ({names}).",
                           count=len(pasted.duplicates), names=", ".join(pasted.duplicates)))
        parts += [_("Line {number} skipped: {reason}.", number=number, reason=reason)
                  for number, reason in pasted.invalid]
        self.paste_message.value = note(" ".join(parts), error=bool(pasted.invalid))
        if not pasted.invalid:
            self.paste.value = ""

    def _channel_entered(self, change: dict) -> None:
        if change["new"].strip():
            self.add_new_channel()

    def add_new_channel(self) -> None:
        """Add the channel named in the box to the workshop's own channels."""
        name = self.channel_name.value.strip()
        if not name:
            self.channel_message.value = note(_("Type the channel's name first."), error=True)
            return
        existing = channel_named(self.session.workshop, name)
        if existing is not None:
            self.channel_message.value = note(
                _("There is already a channel called '{name}'.",
                  name=channel_labels(self.session.workshop)[existing]), error=True)
            return
        online = self.channel_online.value
        problems = self.session.apply(lambda w: edit.add(
            w, "channel", {"id": new_channel_id(w, name), "name": name, "online": online}))
        if problems:
            self.channel_message.value = note("; ".join(p.message for p in problems),
                                               error=True)
            return
        self.channel_message.value = note(_("Added '{name}': choose it in the Channel menu.",
                                             name=name))
        self.channel_name.value = ""

    # -- what is shown -----------------------------------------------------------------------
    def _refresh(self, workshop: Workshop) -> None:
        options = channel_options(workshop)
        if list(self.paste_channel.options) != options:
            current = self.paste_channel.value
            self.paste_channel.options = options
            self.paste_channel.value = current if current in dict(options).values() \
                else DEFAULT_CHANNEL
        self._show_table(workshop)
        self._show_chart(workshop)

    def _show_table(self, workshop: Workshop) -> None:
        wanted = self.editor.filter.value.strip().casefold()
        labels = channel_labels(workshop)
        stages = {stage.id: stage.name for stage in workshop.stages}
        points = [p for p in workshop.touchpoints
                  if not wanted or wanted in self._label(p).casefold()]
        rows = [(p.name, labels.get(p.channel, p.channel),
                 _("online") if p.online else _("offline"), p.owner,
                 ", ".join(stages.get(s, s) for s in p.stages))
                for p in points]
        total = len(workshop.touchpoints)
        caption = (_("{count} touchpoints", count=total) if len(points) == total
                   else _("{shown} of {count} touchpoints match the filter", shown=len(points),
                          count=total))
        self.table.value = html_table(
            [_("Name"), _("Channel"), _("Online/offline"), _("Owning department"),
             _("Stages")], rows, caption)

    def _show_chart(self, workshop: Workshop) -> None:
        data = stage_channel_counts(workshop)
        if data != self._chart_data:  # most edits (names, owners, texts) leave it unchanged
            self._chart_data = data
            self.chart.value = self._live_chart.png(data)


def touchpoints(session: Session) -> TouchpointsForm:
    """The touchpoint inventory form of ``01_touchpoints`` for the open workshop."""
    form = TouchpointsForm(session)
    spare_the_collector()
    return form
