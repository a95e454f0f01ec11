"""Step 2, the touchpoint inventory: every place customer and company meet, and where it sits.

The room calls out touchpoints faster than anyone can type, so names can be typed one at a
time (Enter adds) or pasted many at once with their channel, owner and stages; several can
be placed in stages together afterwards (:mod:`.touchpoint_bulk`).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..channels import DEFAULT_CHANNEL, channel_labels, channel_online, channel_options
from ..charts.touchpoints import live_stage_channel_chart, stage_channel_counts
from ..i18n import _
from ..model import Touchpoint, Workshop
from .fields import FieldSpec, problems_for
from .items import ItemEditor, ListSpec
from .own_channels import OwnChannels
from .parts import fit_beside_list, form_style, replaces_earlier, spare_the_collector
from .session import Session
from .show import html_table
from .touchpoint_bulk import PasteBox, StagePlacer


def _stage_options(workshop: Workshop) -> list[tuple[str, str]]:
    return [(stage.name, stage.id) for stage in workshop.stages]


class _TouchpointEditor(ItemEditor):
    """The list editor, where choosing a channel also sets online/offline from that channel."""

    def _field_changed(self, change: dict) -> None:
        row = next(r for r in self.rows if r.input is change["owner"])
        item = self.selected()
        if row.spec.name != "channel" or self.quiet or item is None:
            super()._field_changed(change)
            return
        channel = row.read()
        problems = self.session.apply(lambda w: edit.update(
            w, "touchpoint", item.id, channel=channel, online=channel_online(w, channel)),
            beside=row.message)
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
        self.paste = PasteBox(session)
        # a channel the catalogue lacks (a comparison site, home delivery …)
        self.own_channels = OwnChannels(session)
        self.placer = StagePlacer(session)

        self.table = widgets.HTML(layout=widgets.Layout(max_height="26em", overflow="auto"))
        self.chart = widgets.Image(format="png", layout=widgets.Layout(
            width="auto", max_width="100%", align_self="flex-start"))  # natural size
        self._chart_data: Any = None
        self._live_chart = live_stage_channel_chart()
        self.editor.filter.observe(lambda _c: self._show_table(self.session.workshop),
                                   names="value")
        session.on_change(self._refresh)
        replaces_earlier(session, "touchpoints", [self.editor.refresh, self._refresh])

        box = widgets.Layout(flex="1 1 0", min_width="20em", padding="0 1em 0 0")
        self.paste.layout = self.placer.layout = box
        channel_box = widgets.VBox([
            widgets.HTML(f"<h4>{html.escape(_('A channel of your own'))}</h4>"),
            self.own_channels], layout=box)
        super().__init__([
            form_style(), self.editor, session.status,
            widgets.HBox([self.paste, channel_box, self.placer],
                         layout=widgets.Layout(width="100%", flex_flow="row wrap")),
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

    # -- what is shown -----------------------------------------------------------------------
    def _refresh(self, workshop: Workshop) -> None:
        self.paste.refresh(workshop)
        self.own_channels.refresh(workshop)
        self.placer.refresh(workshop)
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
        empty = (_("No touchpoints yet: type a name above and press Enter, or paste a list.")
                 if not total else _("Nothing matches the filter."))
        self.table.value = html_table(
            [_("Name"), _("Channel"), _("Online/offline"), _("Owning department"),
             _("Stages")], rows, caption, empty=empty)

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
