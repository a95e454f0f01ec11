"""Step 5, emotion scoring: everyone scores how the persona feels at each stage.

The facilitator chooses a persona and a participant, then clicks one face per stage as the
participant calls it out (clicking the chosen face again clears it), and moves on with
"Next participant". Every click is saved at once and only what it affects is redrawn: the
row's buttons, the table, and the data of the emotion curve (its frame is kept), so a room
of thirty can score twelve stages without waiting.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import edit
from ..analysis import discussion_prompts, emotion_by_stage
from ..charts.emotions import (
    LiveEmotionCurve,
    nearest_score,
    points_apart,
    scale_label,
    signed,
)
from ..errors import Problem
from ..i18n import _, format_number
from ..model import EmotionScore, Workshop
from ..presets import EMOTION_FACES as FACES  # noqa: F401
from ..presets import EMOTIONS
from ..presets import emotion_words as button_words
from ..room.rounds import RoundItem
from .live import LiveForm
from .parts import form_style, missing_parts, note, set_options, spare_the_collector
from .room_panel import RoomPanel
from .session import SaveMark, Session
from .show import html_table

_SCORE_NAMES = {-3: "minus-3", -2: "minus-2", -1: "minus-1", 0: "0", 1: "plus-1", 2: "plus-2",
                3: "plus-3"}  # for CSS classes, which a "-" cannot start well


_TABLE_STYLE = ("<style>.journeylab-emotion-table th, .journeylab-emotion-table td "
                "{padding: 2px 12px; text-align: left}"
                ".journeylab-emotion-table caption {text-align: left; font-weight: bold}"
                ".journeylab-emotion-table td:last-child {font-weight: bold}"
                "</style>")
_CHOSEN_BORDER = "2px solid #222222"
_PLAIN_BORDER = "2px solid transparent"


class StageScores(widgets.HBox):
    """One stage: its name, seven faces from −3 to +3, and an optional comment."""

    def __init__(self, stage: str, name: str) -> None:
        self.stage = stage
        self.label = widgets.HTML(f"<div style='line-height:1.25'><b>{html.escape(name)}</b>"
                                  "</div>",
                                  layout=widgets.Layout(width="100%"))  # a heading
        self.buttons = {
            score: widgets.Button(
                description=button_words(score),
                tooltip=_("{label}: click to choose, click again to clear",
                          label=scale_label(score)),
                # the seven share the line, none narrower than its longest word: a word
                # that does not fit goes onto a second line of its button, never cut
                layout=widgets.Layout(width="auto", flex="1 1 0", min_width="min-content",
                                      border=_PLAIN_BORDER, padding="0 4px"))
            for score in sorted(EMOTIONS)}
        for score, button in self.buttons.items():
            button.add_class("journeylab-score")
            button.add_class(f"journeylab-score-{_SCORE_NAMES[score]}")
        self.comment = widgets.Text(placeholder=_("Comment (optional)"),
                                    continuous_update=False,
                                    layout=widgets.Layout(flex="1 1 8em", min_width="8em"))
        self.message = SaveMark(layout=widgets.Layout(max_width="16em"))
        # the stage's name, then its seven faces together on a line of their own (over
        # several lines only on a narrow screen), then the comment
        self.faces = widgets.HBox(list(self.buttons.values()), layout=widgets.Layout(
            flex_flow="row wrap", width="100%"))
        self.faces.add_class("journeylab-faces")
        super().__init__([self.label, self.faces, self.comment, self.message],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.add_class("journeylab-stage-scores")
        self.add_class(f"journeylab-stage-{stage}")

    def show(self, score: int | None) -> None:
        """Highlight the button of ``score`` (none when ``None``)."""
        for value, button in self.buttons.items():
            chosen = value == score
            button.button_style = "primary" if chosen else ""
            button.style.font_weight = "bold" if chosen else "normal"
            button.layout.border = _CHOSEN_BORDER if chosen else _PLAIN_BORDER

    def complain(self, message: str, error: bool = True) -> None:
        """Show ``message`` beside the comment (empty: clear it)."""
        self.message.value = note(message, error)


class EmotionScoring(LiveForm):
    """The emotion-scoring form: faces per stage, the curve with its spread, and a table."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._row_key: tuple = ()
        self._scores: dict[str, EmotionScore] = {}
        self._pending: dict[tuple[str, str, str], str] = {}
        self.persona = widgets.Dropdown(description=_("Persona"),
                                        layout=widgets.Layout(width="30em"))
        self.participant = widgets.Dropdown(description=_("Participant"),
                                            layout=widgets.Layout(width="24em"))
        self.next_participant = widgets.Button(description=_("Next participant"),
                                               icon="forward", button_style="info",
                                               layout=widgets.Layout(width="auto"))
        self.new_participant = widgets.Text(
            placeholder=_("New participant: type a name, press Enter"),
            continuous_update=False, layout=widgets.Layout(width="28em"))
        self.participant_message = SaveMark()
        self.progress = widgets.HTML()
        self.notice = widgets.HTML()
        self.rows_box = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.rows: dict[str, StageScores] = {}
        self.overlay = widgets.Checkbox(description=_("Show all personas in the chart"),
                                        indent=False)
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.prompts = widgets.HTML()
        self.table = widgets.HTML()
        self._curve = LiveEmotionCurve()
        self.room = RoomPanel(
            session, "emotions", question=self._room_question,
            items=lambda w: [RoundItem(id=s.id, label=s.name) for s in w.stages],
            persona=lambda: self.persona.value, dots=lambda: 1,
            on_answers=self._room_changed)

        for part, name in ((self.persona, "persona"), (self.participant, "participant"),
                           (self.next_participant, "next-participant"),
                           (self.new_participant, "new-participant"),
                           (self.overlay, "overlay")):
            part.add_class(f"journeylab-scoring-{name}")
        self.persona.observe(self._chosen, names="value")
        self.participant.observe(self._chosen, names="value")
        self.next_participant.on_click(lambda _b: self.go_to_next_participant())
        self.new_participant.observe(self._participant_entered, names="value")
        self.overlay.observe(lambda _c: self._show_results(self.session.workshop),
                             names="value")

        self.body = widgets.VBox([
            self.room, self.progress, session.status, self.rows_box,
            widgets.HTML(f"<h4>{html.escape(_('How the room sees this persona'))}</h4>"),
            self.overlay, self.chart, self.prompts, self.table,
        ], layout=widgets.Layout(width="100%"))
        super().__init__(session, [
            form_style(), widgets.HBox([self.persona, self.participant, self.next_participant],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.new_participant, self.participant_message]),
            self.notice, self.body])
        self.add_class("journeylab-emotion-scoring")
        self.refresh(session.workshop)
        if self.room.is_open:  # a round the room was answering before the kernel restarted
            self._room_changed()
        spare_the_collector()

    # -- what the facilitator does ---------------------------------------------------------
    def click(self, stage: str, score: int) -> list[Problem]:
        """Choose ``score`` for ``stage`` (clear it if it was the chosen one) and save."""
        participant, persona = self.participant.value, self.persona.value
        row = self.rows[stage]
        chosen = self._scores.get(stage)
        new = None if chosen is not None and chosen.score == score else score
        typed, key = row.comment.value, (participant, persona, stage)
        if new is None and typed.strip():  # a cleared score's comment waits for the next face
            self._pending[key] = typed
        else:
            self._pending.pop(key, None)
        return self.session.apply(lambda w: edit.set_score(
            w, participant, persona, stage, new, comment=typed if new is not None else ""),
            beside=row.message)

    def _commented(self, stage: str, comment: str) -> None:
        if self.quiet:
            return
        participant, persona = self.participant.value, self.persona.value
        row, chosen = self.rows[stage], self._scores.get(stage)
        if chosen is None:  # kept until a face is clicked, even while other rows are scored
            self._pending[participant, persona, stage] = comment
            row.complain(_("Now choose a face: the comment is saved with the score.")
                         if comment.strip() else "", error=False)
            return
        if comment == chosen.comment:
            return
        self.session.apply(lambda w: edit.set_score(
            w, participant, persona, stage, chosen.score, comment=comment), beside=row.message)

    def go_to_next_participant(self) -> None:
        """Score for the next participant in the list (after the last: the first again)."""
        ids = [value for _label, value in self.participant.options]
        if ids:
            here = ids.index(self.participant.value) if self.participant.value in ids else -1
            self.participant.value = ids[(here + 1) % len(ids)]

    def _participant_entered(self, change: dict) -> None:
        name = change["new"].strip()
        if not name:
            return
        taken = {p.id for p in self.session.workshop.participants}
        if self.session.apply(lambda w: edit.add(w, "participant", {"name": name}),
                              beside=self.participant_message,
                              what=_("Added '{name}'.", name=name)):
            return
        new_id = next(p.id for p in self.session.workshop.participants if p.id not in taken)
        self.new_participant.value = ""
        with self.quietly():  # scoring moves to the new participant; "Added" stays
            self.participant.value = new_id
        self._show_rows(self.session.workshop)

    def _chosen(self, change: dict) -> None:
        if self.quiet:
            return
        if change["owner"] is self.participant:  # the curve is the room's: it stays
            self.participant_message.clear()  # "Added …" was about the one scored before
            self._show_rows(self.session.workshop)
        else:
            self._show(self.session.workshop)

    # -- what is shown ---------------------------------------------------------------------
    def refresh(self, workshop: Workshop) -> None:
        """Renew the menus of personas and participants, then show their scores."""
        with self.quietly():
            set_options(self.persona, [(p.name, p.id) for p in workshop.personas])
            set_options(self.participant, [(p.name, p.id) for p in workshop.participants])
        self._show(workshop)

    def _show(self, workshop: Workshop) -> None:
        missing = missing_parts(workshop, participants=True)
        self.notice.value = "<br>".join(note(m, error=True) for m in missing)
        self.body.layout.display = "none" if missing else ""
        self.next_participant.disabled = not workshop.participants
        if missing:
            return
        self._show_rows(workshop)
        self._show_results(workshop)

    def _show_rows(self, workshop: Workshop) -> None:
        key = tuple((s.id, s.name) for s in workshop.stages)
        if key != self._row_key:
            self._row_key = key
            self.rows = {stage: self._new_row(stage, name) for stage, name in key}
            self.rows_box.children = tuple(self.rows.values())
        participant, persona = self.participant.value, self.persona.value
        self._scores = {s.stage: s for s in workshop.emotions
                        if s.participant == participant and s.persona == persona
                        and s.touchpoint is None}
        with self.quietly():
            for stage, row in self.rows.items():
                chosen = self._scores.get(stage)
                row.show(chosen.score if chosen else None)
                pending = self._pending.get((participant, persona, stage))
                row.comment.value = chosen.comment if chosen else (pending or "")
                if chosen is None and pending is None:
                    row.complain("")
        name = dict((p.id, p.name) for p in workshop.participants).get(participant, "")
        self.progress.value = note(_("{participant} has scored {done} of {total} stages.",
                                      participant=name, done=len(self._scores),
                                      total=len(self.rows)))

    def _room_changed(self) -> None:
        """While the phones answer, the faces for one participant at a time stand aside:
        the room's curve follows right under the round."""
        shown = "none" if self.room.is_open else ""
        for part in (self.progress, self.rows_box):
            part.layout.display = shown
        self._show_results(self.session.workshop)

    def _room_question(self) -> str:
        names = {p.id: p.name for p in self.session.workshop.personas}
        return _("How does {persona} feel at each stage?",
                 persona=names.get(self.persona.value, ""))

    def _new_row(self, stage: str, name: str) -> StageScores:
        row = StageScores(stage, name)
        for score, button in row.buttons.items():
            button.on_click(lambda _b, s=score: self.click(stage, s))
        row.comment.observe(lambda change: self._commented(stage, change["new"]),
                            names="value")
        return row

    def _show_results(self, workshop: Workshop) -> None:
        if not (workshop.stages and workshop.personas and self.persona.value):
            return
        persona = self.persona.value
        workshop = self.room.preview(workshop)  # with the phones' answers while a round runs
        table = emotion_by_stage(workshop)
        mine = table[table["persona"] == persona]
        shown = None if self.overlay.value else [persona]
        prompts = discussion_prompts(table if self.overlay.value else mine)
        stages = [(s.id, s.name) for s in workshop.stages]
        personas = [(p.id, p.name) for p in workshop.personas]
        names = dict(personas)
        title = _("All personas") if self.overlay.value else names[persona]
        self.chart.value = self._curve.png(table, stages, personas, shown=shown,
                                           discuss=prompts, title=title)
        self.prompts.value = _prompts_html(prompts, dict(stages), names,
                                           with_persona=self.overlay.value)
        self.table.value = _table_html(mine, stages, prompts[prompts["persona"] == persona])


def _prompts_html(prompts: pd.DataFrame, stages: dict[str, str], personas: dict[str, str],
                  with_persona: bool) -> str:
    if prompts.empty:
        return note(_("The room broadly agrees: no stage has scores three or more points "
                       "apart."))
    items = []
    for row in prompts.itertuples(index=False):
        where = (_("{persona} at {stage}", persona=personas[row.persona],
                   stage=stages[str(row.stage)]) if with_persona else stages[str(row.stage)])
        items.append("<li>" + html.escape(_(
            "{where}: scores {points} points apart, from {low} to {high}. Ask the people "
            "at both ends what they know.", where=where, points=int(row.spread),
            low=_(EMOTIONS[int(row.min)]), high=_(EMOTIONS[int(row.max)]))) + "</li>")
    heading = html.escape(_("Discuss first: where the room disagrees most"))
    return (f"<div class='journeylab-prompts' role='note'><b>⚑ {heading}</b>"
            f"<ul>{''.join(items)}</ul></div>")


def _table_html(rows: pd.DataFrame, stages: list[tuple[str, str]],
                prompts: pd.DataFrame) -> str:
    by_stage = {str(row.stage): row for row in rows.itertuples(index=False)}
    flagged = {str(row.stage): int(row.spread) for row in prompts.itertuples(index=False)}
    body: list[list[Any]] = []
    for stage, name in stages:
        row = by_stage.get(stage)
        if row is None:
            body.append([name, "—", "—", "—", "—", 0, ""])
            continue
        body.append([
            f"⚑ {name}" if stage in flagged else name, format_number(row.mean, 1),
            _(EMOTIONS[nearest_score(row.mean)]),
            _("{low} to {high}", low=signed(row.min), high=signed(row.max)),
            format_number(row.std, 1), int(row.n),
            points_apart(flagged[stage]) if stage in flagged else ""])
    table = html_table([_("Stage"), _("Mean"), _("Feeling"), _("Lowest to highest"),
                        _("Standard deviation"), _("Scores"), _("Discussion")], body,
                       caption=_("The room's scores per stage"))
    return f"<div class='journeylab-emotion-table'>{_TABLE_STYLE}{table}</div>"


def emotion_scoring(session: Session) -> EmotionScoring:
    """The form of step 5: every participant scores every stage; the curve shows the room."""
    return EmotionScoring(session)
