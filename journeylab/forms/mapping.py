"""Step 4, stage mapping: per stage and persona, what the customer wants, does, thinks and feels.

The facilitator picks a stage and a persona and types short cards into eight lanes while the
room talks; each card says where it comes from (assumption … analytics). A grid of the
stage × persona cells shows which are still empty and moves there on a click. Below, the
service blueprint of the stage: what staff, back-stage teams and systems do.

Every change to a lane is a function of the lane as saved, so when another window saved in
between, the session re-applies it to their version, and a card that changed there is never
overwritten by mistake.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..analysis import card_counts, next_empty_cell
from ..charts.coverage import LiveCoverage, cell_counts
from ..errors import JourneyLabError, Problem
from ..i18n import N_, _
from ..model import (
    BLUEPRINT_LABELS,
    EVIDENCE_LABELS,
    LANE_LABELS,
    BlueprintLane,
    Card,
    Evidence,
    Lane,
    Workshop,
)
from .live import LiveForm, Quiet
from .parts import form_style, missing_parts, note, set_options, spare_the_collector
from .session import SaveMark, Session

#: Card texts a little larger and tighter than other text areas: a card is read from afar.
_STYLE = ("<style>.journeylab-card textarea {font-size: var(--jp-ui-font-size1); "
          "line-height: 1.3}</style>")

Cards = list[dict[str, Any]]
LaneChange = Callable[[Cards], Cards]
#: Saves a lane change beside a mark, with what it did: ``apply(change, mark, what)``.
LaneApply = Callable[[LaneChange, SaveMark, str], list[Problem]]


def _icon(icon: str, tooltip: str) -> widgets.Button:
    return widgets.Button(icon=icon, tooltip=tooltip,
                          layout=widgets.Layout(width="2.5em", padding="0"))


def _evidence_options() -> list[tuple[str, str]]:
    return [(_(EVIDENCE_LABELS[level]), level.value) for level in Evidence]


def _plain(card: Card) -> dict[str, Any]:
    return {"text": card.text, "evidence": card.evidence.value}


def _changed_elsewhere() -> JourneyLabError:
    return JourneyLabError(_("This card was changed in another window in the meantime; the "
                             "latest version is shown now. Make your change again."))


def _checked_at(cards: Cards, index: int, expected: dict[str, Any]) -> None:
    if index >= len(cards) or cards[index] != expected:
        raise _changed_elsewhere()


# -- lane changes: pure functions of the lane as saved -----------------------------------

def appended(card: dict[str, Any]) -> LaneChange:
    """The lane with ``card`` added at the end."""
    return lambda cards: [*cards, card]


def replaced(index: int, old: dict[str, Any], new: dict[str, Any]) -> LaneChange:
    """The lane with card ``index`` (still ``old``) replaced by ``new``."""
    def change(cards: Cards) -> Cards:
        _checked_at(cards, index, old)
        return [*cards[:index], new, *cards[index + 1:]]
    return change


def removed(index: int, old: dict[str, Any]) -> LaneChange:
    """The lane without card ``index`` (still ``old``)."""
    def change(cards: Cards) -> Cards:
        _checked_at(cards, index, old)
        return [*cards[:index], *cards[index + 1:]]
    return change


def moved(index: int, old: dict[str, Any], offset: int) -> LaneChange:
    """The lane with card ``index`` (still ``old``) moved ``offset`` places, within bounds."""
    def change(cards: Cards) -> Cards:
        _checked_at(cards, index, old)
        cards = list(cards)
        cards.insert(max(0, min(len(cards) - 1, index + offset)), cards.pop(index))
        return cards
    return change


def inserted(index: int, card: dict[str, Any]) -> LaneChange:
    """The lane with ``card`` put back at ``index`` (or at the end if the lane is shorter)."""
    return lambda cards: [*cards[:index], card, *cards[index:]]


# -- widgets --------------------------------------------------------------------------------

class CardRow(widgets.VBox):
    """One card: its text, its evidence, move up/down, delete; "Saved" or a refusal under it."""

    def __init__(self) -> None:
        # two lines as wide as the lane allows, so the room reads a whole sentence
        self.text = widgets.Textarea(rows=2, continuous_update=False,
                                     layout=widgets.Layout(flex="1 1 auto", width="auto"))
        self.evidence = widgets.Dropdown(options=_evidence_options(),
                                         layout=widgets.Layout(width="8.2em"))
        self.up = _icon("arrow-up", _("Move up"))
        self.down = _icon("arrow-down", _("Move down"))
        self.delete = _icon("trash", _("Delete this card"))
        self.message = SaveMark()
        controls = widgets.VBox([self.evidence, widgets.HBox([self.up, self.down,
                                                              self.delete])],
                                layout=widgets.Layout(flex="0 0 auto"))
        super().__init__([widgets.HBox([self.text, controls],
                                       layout=widgets.Layout(width="100%")),
                          self.message], layout=widgets.Layout(width="100%"))
        self.add_class("journeylab-card")

    def complain(self, message: str) -> None:
        """Show ``message`` under the card as why it is refused (empty: take that back)."""
        if message:
            self.message.refused(message)
        elif self.message.state == "refused":
            self.message.clear()


class CardLane(Quiet, widgets.VBox):
    """A lane of short cards: add (Enter), edit, set evidence, reorder, delete with undo.

    Parameters
    ----------
    name
        The lane's id (``pain_points``), also a CSS class ``journeylab-lane-<name>``.
    title
        The lane's heading, already translated.
    apply
        Applies a :data:`LaneChange` to the lane of the cell being edited and saves it,
        saying so beside the mark it is given (:data:`LaneApply`); returns the problems
        that stopped it.
    hint
        What belongs in the lane, shown as the new card's placeholder.
    """

    def __init__(self, name: str, title: str,
                 apply: LaneApply, hint: str = "") -> None:
        self.name, self.title, self._apply = name, title, apply
        self.cards: Cards = []
        self.rows: list[CardRow] = []
        self._place: Any = None
        self._deleted: tuple[int, dict[str, Any]] | None = None
        self.heading = widgets.HTML()
        self.list = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.new_text = widgets.Text(placeholder=hint or _("New card: type and press Enter"),
                                     continuous_update=False,
                                     layout=widgets.Layout(flex="1 1 auto", width="auto"))
        self.new_text.add_class("journeylab-new-card")
        self.new_evidence = widgets.Dropdown(options=_evidence_options(),
                                             value=Evidence.ASSUMPTION.value,
                                             tooltip=_("Evidence of the new card"),
                                             layout=widgets.Layout(width="8.5em"))
        self.add_button = _icon("plus", _("Add the card"))
        self.message = SaveMark()  # beside the new card's box: adding, deleting, undoing
        self.undo = widgets.Button(description=_("Undo delete"), icon="undo",
                                   layout=widgets.Layout(display="none", width="auto"))
        self.new_text.observe(self._entered, names="value")
        self.add_button.on_click(lambda _b: self.add(self.new_text.value))
        self.undo.on_click(lambda _b: self.undo_delete())
        super().__init__([
            self.heading, self.list,
            widgets.HBox([self.new_text, self.new_evidence, self.add_button],
                         layout=widgets.Layout(width="100%")),
            widgets.HBox([self.message, self.undo], layout=widgets.Layout(
                align_items="center")),
        ], layout=widgets.Layout(border="1px solid #ddd", padding="0.3em 0.5em",
                                 margin="0 0 0.5em 0", width="100%"))
        self.add_class("journeylab-lane")
        self.add_class(f"journeylab-lane-{name}")
        self.show([], None)

    # what is shown
    def show(self, cards: Sequence[Card], place: Any) -> None:
        """Show the saved ``cards`` of the cell ``place``; a new place forgets undo and notes."""
        if place != self._place:
            self._place, self._deleted = place, None
            self.undo.layout.display = "none"
            self.message.clear()
            for row in self.rows:  # they are about to show another cell's cards
                row.message.clear()
        self.cards = [_plain(card) for card in cards]
        self.heading.value = (f"<b>{html.escape(self.title)}</b> "
                              f"<span style='color:#666'>({len(self.cards)})</span>")
        while len(self.rows) < len(self.cards):
            self.rows.append(self._new_row())
        with self.quietly():
            for row, card in zip(self.rows, self.cards, strict=False):
                row.text.value = card["text"]
                row.evidence.value = card["evidence"]
                row.up.disabled = row is self.rows[0]
                row.down.disabled = row is self.rows[len(self.cards) - 1]
                row.complain("")
        shown = tuple(self.rows[:len(self.cards)])
        if tuple(self.list.children) != shown:
            self.list.children = shown

    def _new_row(self) -> CardRow:
        row = CardRow()
        row.text.observe(lambda change: self._edited(row, "text", change["new"]), names="value")
        row.evidence.observe(lambda change: self._edited(row, "evidence", change["new"]),
                             names="value")
        row.up.on_click(lambda _b: self.move(self.rows.index(row), -1))
        row.down.on_click(lambda _b: self.move(self.rows.index(row), 1))
        row.delete.on_click(lambda _b: self.delete(self.rows.index(row)))
        return row

    # what the facilitator does
    def _entered(self, change: dict) -> None:
        if change["new"].strip():
            self.add(change["new"])

    def add(self, text: str) -> list[Problem]:
        """Add a card with ``text`` and the evidence chosen beside the box."""
        text = text.strip()
        if not text:
            refusal = _("Type the card's text first.")
            self.message.refused(refusal)
            return [Problem("text", refusal)]
        problems = self._apply(appended({"text": text, "evidence": self.new_evidence.value}),
                               self.message, "")
        if not problems:  # a refused text stays in the box, to be shortened or fixed
            self.new_text.value = ""
        return problems

    def _edited(self, row: CardRow, field: str, value: str) -> None:
        if self.quiet:
            return
        index = self.rows.index(row)
        if index >= len(self.cards):
            return
        old = self.cards[index]
        new = {**old, field: value.strip() if field == "text" else value}
        if new == old:
            return
        # a refused text stays in the box, with the reason under it
        self._apply(replaced(index, old, new), row.message, "")

    def move(self, index: int, offset: int) -> None:
        """Move card ``index`` up (negative ``offset``) or down."""
        if 0 <= index < len(self.cards):
            landed = max(0, min(len(self.cards) - 1, index + offset))
            self._apply(moved(index, self.cards[index], offset), self.rows[landed].message, "")

    def delete(self, index: int) -> None:
        """Delete card ``index``; :meth:`undo_delete` puts it back."""
        if not 0 <= index < len(self.cards):
            return
        card = self.cards[index]
        if not self._apply(removed(index, card), self.message,
                           _("Deleted '{text}'.", text=card["text"])):
            self._deleted = (index, card)
            self.undo.layout.display = ""

    def undo_delete(self) -> None:
        """Put the card deleted last back where it was."""
        if self._deleted is None:
            return
        index, card = self._deleted
        if not self._apply(inserted(index, card), self.message,
                           _("Restored '{text}'.", text=card["text"])):
            self._deleted = None
            self.undo.layout.display = "none"


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
    return [_plain(card) for card in getattr(cell, lane.value)] if cell else []


def _blueprint_cards(workshop: Workshop, stage: str, lane: BlueprintLane) -> Cards:
    cell = next((c for c in workshop.blueprint if c.stage == stage), None)
    return [_plain(card) for card in getattr(cell, lane.value)] if cell else []


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
        self.children = [form_style(), widgets.HTML(_STYLE),
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
