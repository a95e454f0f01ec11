"""Touchpoints many at a time: paste a list with its channel, owner and stages, and place
several touchpoints in stages at once.

The room calls out touchpoints faster than anyone can type; opening each one afterwards to
give it the same owner and stages wastes the room's time. Choosing several is done with tick
boxes: a facilitator at a projector should never need Ctrl + click.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets

from .. import edit
from ..channels import (
    DEFAULT_CHANNEL,
    channel_labels,
    channel_online,
    channel_options,
    parse_names,
)
from ..i18n import _
from ..model import Workshop
from .fields import TickBoxes
from .parts import note
from .session import Session


def _stage_options(workshop: Workshop) -> list[tuple[str, str]]:
    return [(stage.name, stage.id) for stage in workshop.stages]


def _renew(boxes: TickBoxes, options: list[tuple[str, str]]) -> None:
    if list(boxes.options) != options:  # unchanged choices keep their ticks and send nothing
        boxes.options = options


class PasteBox(widgets.VBox):
    """Names one per line, added in one saved change with the channel, owner and stages
    chosen beside them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.text = widgets.Textarea(
            placeholder=_("Paste or type touchpoint names, one per line"),
            layout=widgets.Layout(width="100%", height="8em"))
        self.text.add_class("journeylab-paste")
        self.channel = widgets.Dropdown(
            description=_("Channel"), options=channel_options(session.workshop),
            value=DEFAULT_CHANNEL, layout=widgets.Layout(width="100%"))
        self.owner = widgets.Text(description=_("Owning department"),
                                  style={"description_width": "initial"},
                                  layout=widgets.Layout(width="100%"))
        self.owner.add_class("journeylab-paste-owner")
        self.stages = TickBoxes(options=_stage_options(session.workshop),
                                description=_("In the stages:"))
        self.stages.add_class("journeylab-paste-stages")
        self.add = widgets.Button(description=_("Add all"), icon="list",
                                  button_style="primary")
        self.message = widgets.HTML()
        self.add.on_click(lambda _b: self.add_pasted())
        self.text.observe(self._typed, names="value")
        super().__init__([
            widgets.HTML(f"<h4>{html.escape(_('Add many at once'))}</h4>"),
            self.text, self.channel, self.owner, self.stages, self.add, self.message])

    def _typed(self, change: dict) -> None:
        if change["new"].strip():
            self.message.value = ""  # it spoke of the lines added or refused before

    def add_pasted(self) -> None:
        """Add every new name in the box as a touchpoint, in one saved change."""
        workshop = self.session.workshop
        pasted = parse_names(self.text.value, [t.name for t in workshop.touchpoints])
        channel = self.channel.value or DEFAULT_CHANNEL
        fields = {"channel": channel, "online": channel_online(workshop, channel),
                  "owner": self.owner.value, "stages": list(self.stages.value)}

        def add_all(current: Workshop) -> Workshop:
            for name in pasted.names:
                current = edit.add(current, "touchpoint", {**fields, "name": name})
            return current

        if not (pasted.names or pasted.duplicates or pasted.invalid):
            self.message.value = note(_("Type or paste names first, one per line."),
                                      error=True)
            return
        problems = self.session.apply(add_all) if pasted.names else []
        if problems:
            self.message.value = note(
                _("Nothing was added: {reason}", reason="; ".join(str(p) for p in problems)),
                error=True)
            return
        parts = [_("Added: {count}.", count=len(pasted.names))]
        if pasted.duplicates:
            parts.append(_("Skipped, already in the list: {count} ({names}).",
                           count=len(pasted.duplicates), names=", ".join(pasted.duplicates)))
        parts += [_("Line {number} skipped: {reason}.", number=number, reason=reason)
                  for number, reason in pasted.invalid]
        text = " ".join(parts)
        if not pasted.invalid:
            self.text.value = ""
        self.message.value = note(text, error=bool(pasted.invalid))

    def refresh(self, workshop: Workshop) -> None:
        """Renew the channel menu and the stages from ``workshop``."""
        options = channel_options(workshop)
        if list(self.channel.options) != options:
            current = self.channel.value
            self.channel.options = options
            self.channel.value = current if current in dict(options).values() \
                else DEFAULT_CHANNEL
        _renew(self.stages, _stage_options(workshop))


def placed(workshop: Workshop, touchpoints: Iterable[str], stages: Iterable[str],
           put: bool) -> Workshop:
    """``workshop`` with ``touchpoints`` put in ``stages`` (``put``) or taken out of them.

    A touchpoint's stages stay in the workshop's order of stages, whatever order they were
    ticked in.
    """
    order = [s.id for s in workshop.stages]
    stages = set(stages)
    for point_id in touchpoints:
        point = next(t for t in workshop.touchpoints if t.id == point_id)
        now = set(point.stages) | stages if put else set(point.stages) - stages
        if now != set(point.stages):
            workshop = edit.update(workshop, "touchpoint", point_id,
                                   stages=[s for s in order if s in now])
    return workshop


class StagePlacer(widgets.VBox):
    """Tick several touchpoints, tick stages, and put them all in (or take them out) at once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.touchpoints = TickBoxes()
        self.touchpoints.add_class("journeylab-place-touchpoints")
        # a long inventory scrolls inside a frame of its own, the buttons stay in view
        self.touchpoints.layout.max_height = "14em"
        self.touchpoints.layout.overflow = "auto"
        self.touchpoints.layout.border = "1px solid #cccccc"
        self.touchpoints.layout.padding = "2px 4px"
        self.stages = TickBoxes(description=_("2. Tick the stages:"))
        self.stages.add_class("journeylab-place-stages")
        self.all = widgets.Button(description=_("Tick all"), icon="check-square",
                                  layout=widgets.Layout(width="auto"))
        self.none = widgets.Button(description=_("Untick all"), icon="square",
                                   layout=widgets.Layout(width="auto"))
        self.put = widgets.Button(description=_("Put in these stages"), icon="plus",
                                  button_style="primary", layout=widgets.Layout(width="auto"))
        self.take = widgets.Button(description=_("Take out of these stages"), icon="minus",
                                   layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.all.on_click(lambda _b: self._tick_all(True))
        self.none.on_click(lambda _b: self._tick_all(False))
        self.put.on_click(lambda _b: self.apply(True))
        self.take.on_click(lambda _b: self.apply(False))
        for boxes in (self.touchpoints, self.stages):
            boxes.observe(self._chosen, names="value")
        super().__init__([
            widgets.HTML(f"<h4>{html.escape(_('Place several touchpoints in stages'))}</h4>"),
            widgets.HTML(html.escape(_("1. Tick the touchpoints:"))),
            widgets.HBox([self.all, self.none]), self.touchpoints, self.stages,
            widgets.HBox([self.put, self.take], layout=widgets.Layout(flex_flow="row wrap")),
            self.message])
        self.add_class("journeylab-place")
        self.refresh(session.workshop)

    def _tick_all(self, ticked: bool) -> None:
        self.touchpoints.value = tuple(v for _l, v in self.touchpoints.options) if ticked \
            else ()

    def _chosen(self, _change: dict) -> None:
        self.message.value = ""  # it spoke of the touchpoints and stages ticked before
        self._enable()

    def _enable(self) -> None:
        ready = bool(self.touchpoints.value and self.stages.value)
        self.put.disabled = self.take.disabled = not ready

    def apply(self, put: bool) -> None:
        """Put the ticked touchpoints in the ticked stages (``put``), or take them out."""
        points, stages = self.touchpoints.value, self.stages.value
        if not (points and stages):
            self.message.value = note(_("Tick at least one touchpoint and one stage."),
                                      error=True)
            return
        problems = self.session.apply(lambda w: placed(w, points, stages, put))
        if problems:
            self.message.value = note("; ".join(p.message for p in problems), error=True)
            return
        where = ", ".join(label for label, v in self.stages.options if v in stages)
        text = (_("Touchpoints put in {stages}: {count}.", count=len(points), stages=where)
                if put else _("Touchpoints taken out of {stages}: {count}.",
                              count=len(points), stages=where))
        self.message.value = note(text)

    def refresh(self, workshop: Workshop) -> None:
        """Renew the touchpoints and stages to choose from; ticks of those still there stay."""
        labels = channel_labels(workshop)
        _renew(self.touchpoints, [
            (_("{name} · {channel}", name=t.name, channel=labels.get(t.channel, t.channel)),
             t.id) for t in workshop.touchpoints])
        _renew(self.stages, _stage_options(workshop))
        self._enable()
