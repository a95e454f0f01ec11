"""Step 4, stage mapping: per stage and persona, what the customer wants, does, thinks and feels.

The facilitator picks a stage and a persona and types short cards into eight lanes while the
room talks (:mod:`.cards`); each card says where it comes from (assumption … analytics). A
grid of the stage × persona cells shows which are still empty and moves there on a click.
Below, the service blueprint of the stage: what staff, back-stage teams and systems do.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..analysis import card_counts, next_empty_cell
from ..charts.coverage import LiveCoverage, cell_counts
from ..errors import Problem
from ..i18n import N_, _
from ..model import BLUEPRINT_LABELS, LANE_LABELS, BlueprintLane, Lane, Workshop
from .cards import STYLE, CardLane, Cards, LaneApply, LaneChange, plain_card
from .live import LiveForm
from .parts import form_style, missing_parts, note, set_options, spare_the_collector
from .session import SaveMark, Session

_LANE_HINTS = {
    Lane.GOALS: N_("What do they want to achieve?"),
    Lane.ACTIONS: N_("What do they do?"),
    Lane.THOUGHTS: N_("What goes through their mind?"),
    Lane.NEEDS: N_("What do they need from us?"),
    Lane.FEELINGS: N_("How do they feel?"),
    Lane.PAIN_POINTS: N_("Where do they get stuck, wait or give up?"),
    Lane.MOMENTS_OF_TRUTH: N_("Which moment decides whether they stay?"),
    Lane.OPPORTUNITIES: N_("What could we do better?"),
}
_BLUEPRINT_HINTS = {
    BlueprintLane.FRONTSTAGE: N_("What do staff do in front of the customer?"),
    BlueprintLane.BACKSTAGE: N_("What happens behind the scenes?"),
    BlueprintLane.SYSTEMS: N_("Which systems and tools support it?"),
}


def _not_yet(beside: SaveMark, reason: str) -> list[Problem]:
    beside.refused(reason)
    return [Problem("", reason)]


def _lane_cards(workshop: Workshop, stage: str, persona: str, lane: Lane) -> Cards:
    cell = workshop.cell(stage, persona)
    return [plain_card(card) for card in getattr(cell, lane.value)] if cell else []


def _blueprint_cards(workshop: Workshop, stage: str, lane: BlueprintLane) -> Cards:
    cell = next((c for c in workshop.blueprint if c.stage == stage), None)
    return [plain_card(card) for card in getattr(cell, lane.value)] if cell else []


class StageMapping(LiveForm):
    """The stage-mapping form: pick a cell, fill its eight lanes; see which cells are empty."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._grid_key: tuple = ()
        self.stage = widgets.Dropdown(description=_("Stage"),
                                      layout=widgets.Layout(width="30em"))
        self.persona = widgets.Dropdown(description=_("Persona"),
                                        layout=widgets.Layout(width="30em"))
        self.next_empty = widgets.Button(description=_("Next empty cell"), icon="forward",
                                         tooltip=_("Go to the next stage and persona that "
                                                   "has no cards yet"),
                                         layout=widgets.Layout(width="auto"))
        self.notice = widgets.HTML()
        self.grid_note = widgets.HTML()
        self.grid = widgets.GridBox(layout=widgets.Layout(grid_gap="2px", width="100%",
                                                          overflow="auto"))
        self.cells: dict[tuple[str, str], widgets.Button] = {}
        self.heading = widgets.HTML()
        self.lanes = {lane: CardLane(lane.value, _(LANE_LABELS[lane]), self._cell_lane(lane),
                                     _(_LANE_HINTS[lane])) for lane in Lane}
        self.blueprint_lanes = {
            lane: CardLane(lane.value, _(BLUEPRINT_LABELS[lane]), self._blueprint_lane(lane),
                           _(_BLUEPRINT_HINTS[lane])) for lane in BlueprintLane}
        self.blueprint_heading = widgets.HTML()
        self.blueprint = widgets.Accordion(
            [widgets.VBox([self.blueprint_heading, *self.blueprint_lanes.values()])],
            selected_index=None)
        self.blueprint.set_title(0, _("Service blueprint of this stage: front-stage, "
                                      "back-stage, systems"))
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self._coverage = LiveCoverage()

        self.stage.add_class("journeylab-mapping-stage")
        self.persona.add_class("journeylab-mapping-persona")
        self.next_empty.add_class("journeylab-next-empty")
        self.stage.observe(self._chosen, names="value")
        self.persona.observe(self._chosen, names="value")
        self.next_empty.on_click(lambda _b: self.go_to_next_empty())

        two_columns = widgets.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))",
                                     grid_gap="0 1em", width="100%")
        self.body = widgets.VBox([
            widgets.HTML(f"<h4>{html.escape(_('Cards per stage and persona'))}</h4>"),
            self.grid_note, self.grid,
            self.heading, session.status,
            widgets.GridBox(list(self.lanes.values()), layout=two_columns),
            self.blueprint,
            widgets.HTML(f"<h4>{html.escape(_('What the room has mapped so far'))}</h4>"),
            self.chart,
        ], layout=widgets.Layout(width="100%"))
        self.children = [form_style(), widgets.HTML(STYLE),
                         widgets.HBox([self.stage, self.persona, self.next_empty],
                                      layout=widgets.Layout(flex_flow="row wrap")),
                         self.notice, self.body]
        self.add_class("journeylab-stage-mapping")
        self.refresh(session.workshop)
        spare_the_collector()

    # -- which cell ----------------------------------------------------------------------
    @property
    def place(self) -> tuple[str, str] | None:
        """``(stage, persona)`` of the cell being edited, if the workshop has both."""
        if self.stage.value is None or self.persona.value is None:
            return None
        return self.stage.value, self.persona.value

    def choose(self, stage: str, persona: str) -> None:
        """Edit the cell of ``persona`` at ``stage``."""
        with self.quietly():
            self.stage.value, self.persona.value = stage, persona
        self._show(self.session.workshop)

    def go_to_next_empty(self) -> None:
        """Move to the next cell without cards, following the persona along the journey."""
        place = self.place or (None, None)
        found = next_empty_cell(card_counts(self.session.workshop), *place)
        if found is None:
            self.grid_note.value = note(_("Every stage has cards for every persona."))
            return
        self.choose(*found)

    def _chosen(self, _change: dict) -> None:
        if not self.quiet:
            self._show(self.session.workshop)

    def _cell_lane(self, lane: Lane) -> LaneApply:
        def apply(change: LaneChange, beside: SaveMark, what: str) -> list[Problem]:
            if self.place is None:
                return _not_yet(beside, _("Choose a stage and a persona first."))
            stage, persona = self.place
            return self.session.apply(lambda w: edit.set_cards(
                w, stage, persona, lane, change(_lane_cards(w, stage, persona, lane))),
                beside=beside, what=what)
        return apply

    def _blueprint_lane(self, lane: BlueprintLane) -> LaneApply:
        def apply(change: LaneChange, beside: SaveMark, what: str) -> list[Problem]:
            stage = self.stage.value
            if stage is None:
                return _not_yet(beside, _("Choose a stage first."))
            return self.session.apply(lambda w: edit.set_blueprint_cards(
                w, stage, lane, change(_blueprint_cards(w, stage, lane))),
                beside=beside, what=what)
        return apply

    # -- what is shown -------------------------------------------------------------------
    def refresh(self, workshop: Workshop) -> None:
        """Renew the menus of stages and personas, then show the cell chosen."""
        with self.quietly():
            set_options(self.stage, [(s.name, s.id) for s in workshop.stages])
            set_options(self.persona, [(p.name, p.id) for p in workshop.personas])
        self._show(workshop)

    def _show(self, workshop: Workshop) -> None:
        missing = missing_parts(workshop)
        self.notice.value = "<br>".join(note(m, error=True) for m in missing)
        self.body.layout.display = "none" if missing else ""
        if missing:
            return
        stage, persona = self.place
        counts = card_counts(workshop)
        self._show_grid(workshop, counts)
        stage_name = next(s.name for s in workshop.stages if s.id == stage)
        persona_name = next(p.name for p in workshop.personas if p.id == persona)
        self.heading.value = "<h4>{}</h4><p>{}</p>".format(
            html.escape(_("{persona} · {stage}", persona=persona_name, stage=stage_name)),
            html.escape(_("Type a card into a lane and press Enter to add it; then set "
                          "where it comes from. Short cards work best: one idea each.")))
        cell = workshop.cell(stage, persona)
        for lane, editor in self.lanes.items():
            editor.show(getattr(cell, lane.value) if cell else [], (stage, persona))
        blueprint = next((c for c in workshop.blueprint if c.stage == stage), None)
        self.blueprint_heading.value = note(
            _("For the stage '{stage}', whichever the persona.", stage=stage_name))
        for lane, editor in self.blueprint_lanes.items():
            editor.show(getattr(blueprint, lane.value) if blueprint else [], stage)
        self.chart.value = self._coverage.png(
            counts, [(s.id, s.name) for s in workshop.stages],
            [(p.id, p.name) for p in workshop.personas], current=(stage, persona))

    def _show_grid(self, workshop: Workshop, counts: Any) -> None:
        key = (tuple((s.id, s.name) for s in workshop.stages),
               tuple((p.id, p.name) for p in workshop.personas))
        if key != self._grid_key:
            self._build_grid(*key)
        empty, found = 0, cell_counts(counts)
        for (stage, persona), button in self.cells.items():
            count = found.get((stage, persona), 0)
            empty += count == 0
            current = (stage, persona) == self.place
            button.description = str(count) if count else _("empty")
            button.button_style = "primary" if current else ("warning" if not count else "")
            button.style.font_weight = "bold" if current else "normal"
        self.grid_note.value = note(
            _("{empty} of {total} cells have no cards yet. Click a cell to map it; the one "
              "you are mapping is blue and bold.", empty=empty, total=len(self.cells))
            if empty else _("Every stage has cards for every persona."))

    def _build_grid(self, stages: tuple, personas: tuple) -> None:
        self._grid_key = (stages, personas)
        self.cells = {}
        children: list[widgets.Widget] = [widgets.HTML("")]
        children += [widgets.HTML(f"<div style='font-size:85%;line-height:1.2'>"
                                  f"{html.escape(name)}</div>") for _id, name in stages]
        for persona, persona_name in personas:
            children.append(widgets.HTML(f"<div style='font-size:85%;line-height:1.2'>"
                                         f"{html.escape(persona_name)}</div>"))
            for stage, stage_name in stages:
                button = widgets.Button(
                    tooltip=_("{persona} · {stage}", persona=persona_name, stage=stage_name),
                    layout=widgets.Layout(width="100%", height="2em"))
                button.on_click(lambda _b, s=stage, p=persona: self.choose(s, p))
                button.add_class("journeylab-cell")
                self.cells[stage, persona] = button
                children.append(button)
        self.grid.layout.grid_template_columns = (
            f"minmax(8em, 14em) repeat({len(stages)}, minmax(4.5em, 1fr))")
        self.grid.children = children


def stage_mapping(session: Session) -> StageMapping:
    """The form of step 4: map each stage × persona cell in eight lanes of cards."""
    return StageMapping(session)
