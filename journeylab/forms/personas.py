"""Step 3, personas: the archetypal customers the map follows, and the channels each uses."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..channels import channel_labels, channel_options
from ..charts.personas import live_persona_channel_chart, persona_channels
from ..errors import ItemGoneError
from ..i18n import N_, _
from ..model import Persona, Workshop
from ..motto import bare, quoted
from .fields import FieldRow, FieldSpec, problems_for
from .items import ItemEditor, ListSpec
from .parts import (
    fit_beside_list,
    form_style,
    replaces_earlier,
    spare_the_collector,
    wide_tabs,
)
from .session import SaveMark, Session
from .show import html_table

#: Fields of a persona held in a nested part (``demographics.age``), grouped as shown.
SECTIONS: dict[str, list[FieldSpec]] = {
    "demographics": [
        FieldSpec("demographics.age", N_("Age")), FieldSpec("demographics.gender", N_("Gender")),
        FieldSpec("demographics.education", N_("Education")),
        FieldSpec("demographics.income", N_("Income")),
        FieldSpec("demographics.occupation", N_("Occupation")),
        FieldSpec("demographics.location", N_("Location")),
    ],
    "psychographics": [
        FieldSpec("psychographics.interests", N_("Interests"), "textarea"),
        FieldSpec("psychographics.lifestyle", N_("Lifestyle"), "textarea"),
        FieldSpec("psychographics.values", N_("Values"), "textarea"),
        FieldSpec("psychographics.motivations", N_("Motivations"), "textarea"),
    ],
    "behaviour": [
        FieldSpec("behaviour.habits", N_("Habits"), "textarea"),
        FieldSpec("behaviour.devices", N_("Devices")),
    ],
}


def value_at(item: Any, path: str) -> Any:
    """The value of ``item`` at a dotted ``path``: ``value_at(persona, "demographics.age")``."""
    for part in path.split("."):
        item = getattr(item, part)
    return item


def nested_change(item: Any, path: str, value: Any) -> dict[str, Any]:
    """The keyword for :func:`edit.update` that sets one nested field and keeps its siblings.

    ``nested_change(persona, "demographics.age", "30–39")`` →
    ``{"demographics": {..., "age": "30–39"}}``.
    """
    top, *rest = path.split(".")
    if not rest:
        return {top: value}
    part = getattr(item, top)
    return {top: {**part.model_dump(), **nested_change(part, ".".join(rest), value)}}


def _persona(workshop: Workshop, persona_id: str) -> Persona:
    found = next((p for p in workshop.personas if p.id == persona_id), None)
    if found is None:
        raise ItemGoneError("persona", _("persona"), persona_id)  # the session names it
    return found


def _with_channel(persona_id: str, channel: str, uses: bool):
    """A change that adds ``channel`` to a persona's channels or takes it away."""

    def change(workshop: Workshop) -> Workshop:
        channels = [c for c in _persona(workshop, persona_id).channels if c != channel]
        if uses:
            channels.append(channel)
        return edit.update(workshop, "persona", persona_id, channels=channels)

    return change


class ChannelGrid(widgets.VBox):
    """Personas as rows, channels as columns, a tick where the persona uses the channel.

    Ticking saves at once. Rows and columns are kept between refreshes and only what
    changed is rebuilt, so a workshop with many personas stays quick.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.boxes: dict[tuple[str, str], widgets.Checkbox] = {}
        self._names: dict[str, widgets.HTML] = {}
        self._headers: dict[str, widgets.HTML] = {}
        self._layout_key: tuple = ()
        self._corner = widgets.HTML()
        self._showing = False
        self.grid = widgets.GridBox(layout=widgets.Layout(overflow="auto", width="100%",
                                                          align_items="center",
                                                          grid_gap="2px 0"))
        self.message = SaveMark()
        super().__init__([self.grid, self.message])
        self.add_class("journeylab-channel-grid")

    def box(self, persona_id: str, channel_id: str) -> widgets.Checkbox:
        """The tick box of one persona and one channel."""
        return self.boxes[(persona_id, channel_id)]

    def refresh(self, workshop: Workshop) -> None:
        """Show ``workshop``'s personas and channels, rebuilding only what changed."""
        labels = channel_labels(workshop)
        channels, personas = list(labels), [p.id for p in workshop.personas]
        self._showing = True
        try:
            for channel_id, label in labels.items():
                header = self._headers.get(channel_id)
                if header is None:
                    header = self._headers[channel_id] = widgets.HTML()
                header.value = ("<div class='journeylab-vertical' style='writing-mode:"
                                "vertical-rl;transform:rotate(180deg);white-space:nowrap;"
                                f"line-height:1.1;padding:2px'>{html.escape(label)}</div>")
            for persona in workshop.personas:
                name = self._names.get(persona.id)
                if name is None:
                    name = self._names[persona.id] = widgets.HTML()
                name.value = f"<b>{html.escape(persona.name)}</b>"
                for channel_id, label in labels.items():
                    box = self.boxes.get((persona.id, channel_id))
                    if box is None:
                        box = self._new_box(persona.id, channel_id)
                    box.tooltip = _("{persona} uses {channel}", persona=persona.name,
                                    channel=label)
                    box.value = channel_id in persona.channels
            self._forget(set(personas), set(channels))
        finally:
            self._showing = False
        key = (tuple(personas), tuple(channels))
        if key != self._layout_key:
            self._layout_key = key
            self.grid.layout.grid_template_columns = (
                f"minmax(10em, 16em) repeat({len(channels)}, 2.2em)")
            self.grid.children = [self._corner, *(self._headers[c] for c in channels)] + [
                child for p in personas
                for child in (self._names[p], *(self.boxes[(p, c)] for c in channels))]

    def _new_box(self, persona_id: str, channel_id: str) -> widgets.Checkbox:
        box = widgets.Checkbox(indent=False, layout=widgets.Layout(width="2.2em"))
        box.add_class(f"journeylab-uses-{persona_id}--{channel_id}")
        box.observe(lambda change: self._ticked(persona_id, channel_id, change["new"]),
                    names="value")
        self.boxes[(persona_id, channel_id)] = box
        return box

    def _forget(self, personas: set[str], channels: set[str]) -> None:
        for key in [k for k in self.boxes if k[0] not in personas or k[1] not in channels]:
            self.boxes.pop(key).close()
        for persona_id in [p for p in self._names if p not in personas]:
            self._names.pop(persona_id).close()
        for channel_id in [c for c in self._headers if c not in channels]:
            self._headers.pop(channel_id).close()

    def _ticked(self, persona_id: str, channel_id: str, uses: bool) -> None:
        if self._showing:
            return
        problems = self.session.apply(_with_channel(persona_id, channel_id, uses),
                                      beside=self.message)
        if problems:  # show what is saved, not what was refused
            self.refresh(self.session.workshop)


class _PersonaEditor(ItemEditor):
    """The list editor, where a motto is saved without the quotes typed around it: every
    place that shows it adds the language's own."""

    def _field_changed(self, change: dict) -> None:
        row = next(r for r in self.rows if r.input is change["owner"])
        if row.spec.name == "tagline" and not self.quiet and change["new"] != bare(
                change["new"]):
            row.input.value = bare(change["new"])  # observed again, and saved, bare
            return
        super()._field_changed(change)


class PersonasForm(widgets.VBox):
    """Personas: list editor, the nested profile fields, channel grid, table and chart."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.reminder = widgets.HTML(
            "<div role='note' style='border-left:4px solid #E69F00;padding:4px 10px;"
            "margin:4px 0'>" + html.escape(_(
                "Personas are archetypes: a typical customer drawn from what the room knows, "
                "never a real person. Do not enter real customers' names, contact details or "
                "other personal data (GDPR).")) + "</div>")
        spec = ListSpec(
            kind="persona", list_name="personas", title=_("Personas"),
            fields=[
                FieldSpec("name", _("Name"), required=True),
                FieldSpec("tagline", _("Tagline")),
                FieldSpec("story", _("Story"), "textarea"),
                FieldSpec("goals", _("Goals"), "lines"),
                FieldSpec("needs", _("Needs"), "lines"),
                FieldSpec("frustrations", _("Frustrations"), "lines"),
                FieldSpec("channels", _("Channels"), "multi",
                          options=channel_options),
            ])
        self.editor = _PersonaEditor(session, spec)
        tagline = next(r for r in self.editor.rows if r.spec.name == "tagline")
        tagline.input.placeholder = _("In their own words: I just want …")
        fit_beside_list(self.editor)
        self._showing = False
        self.details: dict[str, FieldRow] = {}
        pages = []
        for specs in SECTIONS.values():
            rows = []
            for field in specs:
                shown = FieldSpec(field.name, _(field.label), field.kind)
                row = self.details[field.name] = FieldRow(shown, session.workshop)
                row.add_class(f"journeylab-field-{field.name.replace('.', '-')}")
                row.input.observe(self._detail_changed, names="value")
                rows.append(row)
            pages.append(widgets.VBox(rows))
        self.sections = widgets.Tab(pages, titles=[_("Demographics"), _("Psychographics"),
                                                   _("Behaviour")])
        self.grid = ChannelGrid(session)
        self.table = widgets.HTML(layout=widgets.Layout(overflow="auto"))
        self.chart = widgets.Image(format="png", layout=widgets.Layout(
            width="auto", max_width="100%", align_self="flex-start"))  # natural size
        self._chart_data: Any = None
        self._live_chart = live_persona_channel_chart()
        self.editor.choice.observe(lambda _c: self._show_details(), names="value")
        session.on_change(self._refresh)
        replaces_earlier(session, "personas", [self.editor.refresh, self._refresh])
        super().__init__([
            form_style(), self.reminder, self.editor,
            widgets.HTML(f"<h4>{html.escape(_('Profile of the selected persona'))}</h4>"),
            wide_tabs(self.sections), session.status,
            widgets.HTML(f"<h4>{html.escape(_('Which channels each persona uses'))}</h4>"),
            widgets.HTML(html.escape(_("Tick a box to save at once."))),
            self.grid,
            widgets.HTML(f"<h4>{html.escape(_('What the room has described'))}</h4>"),
            self.table, self.chart,
        ])
        self.add_class("journeylab-personas")
        self._refresh(session.workshop)

    # -- the nested profile fields ---------------------------------------------------------------
    def _show_details(self) -> None:
        persona = self.editor.selected()
        self._showing = True
        try:
            for path, row in self.details.items():
                row.input.disabled = persona is None
                row.message.clear()
                if persona is not None:
                    row.show(value_at(persona, path))
        finally:
            self._showing = False

    def _detail_changed(self, change: dict) -> None:
        persona = self.editor.selected()
        if self._showing or persona is None:
            return
        path, row = next((p, r) for p, r in self.details.items() if r.input is change["owner"])
        value = row.read()
        problems = self.session.apply(lambda w: edit.update(
            w, "persona", persona.id, **nested_change(_persona(w, persona.id), path, value)),
            beside=row.message)
        row.complain(problems_for(problems, path))

    # -- what is shown -------------------------------------------------------------------------
    def _refresh(self, workshop: Workshop) -> None:
        self._show_details()
        self.grid.refresh(workshop)
        self._show_table(workshop)
        data = persona_channels(workshop)
        if data != self._chart_data:  # only ticks, channels and names change the chart
            self._chart_data = data
            self.chart.value = self._live_chart.png(data)

    def _show_table(self, workshop: Workshop) -> None:
        labels = channel_labels(workshop)
        rows = [(p.name, quoted(p.tagline), p.demographics.age, p.demographics.occupation,
                 p.demographics.location, p.behaviour.devices,
                 ", ".join(labels.get(c, c) for c in p.channels),
                 len(p.goals), len(p.needs), len(p.frustrations))
                for p in workshop.personas]
        count = len(workshop.personas)
        caption = _("{count} personas", count=count)
        if count > 5:
            caption = _("{count} personas: most maps follow one to five; consider merging "
                        "similar ones.", count=count)
        self.table.value = html_table(
            [_("Name"), _("Tagline"), _("Age"), _("Occupation"),
             _("Location"), _("Devices"), _("Channels"), _("Goals"), _("Needs"),
             _("Frustrations")], rows, caption,
            empty=_("No personas yet: type a name above and press Enter."))


def personas(session: Session) -> PersonasForm:
    """The personas form of ``02_personas`` for the open workshop."""
    form = PersonasForm(session)
    spare_the_collector()
    return form
