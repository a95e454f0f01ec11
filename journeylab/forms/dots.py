"""Dot-voting: every participant has a few dots to spread over the insights.

One − and one + per insight with its count between them, so the facilitator records each
participant's dots as they are called out, and a total of the dots used against the dots the
room has (dots per participant × participants). A count never goes below zero; more dots
than the room has are allowed (someone may have been missed from the list of participants)
but said plainly.

How many dots each participant has is kept for as long as the workshop is open in this
kernel, not in the workshop file: the file format has no place for it, and giving it one
would mean a new format version that every reader of workshop files (the tables export, the
schema, the demo workshops) must follow, for a number the room sets again in a second.
"""

from __future__ import annotations

import html
import math
import weakref

import ipywidgets as widgets

from ..i18n import _
from ..model import Insight, Workshop
from ..priorities import vote
from ..room.rounds import RoundItem
from .parts import note
from .room_panel import RoomPanel
from .session import SaveMark, Session

#: Dots each participant has until the facilitator says otherwise: enough to choose, few
#: enough to force a choice.
DEFAULT_DOTS = 3
MINUS = "\u2212"

_DOTS: weakref.WeakKeyDictionary[Session, int] = weakref.WeakKeyDictionary()


def dots_per_participant(session: Session) -> int:
    """How many dots each participant has in ``session``: the facilitator's last choice, or
    :data:`DEFAULT_DOTS`, or as many as the dots already on the insights need (a workshop
    voted on before opens without a warning about dots it never had)."""
    if session in _DOTS:
        return _DOTS[session]
    used, people = sum(i.votes for i in session.workshop.insights), len(
        session.workshop.participants)
    return max(DEFAULT_DOTS, math.ceil(used / people) if people else 0)


def dots_total(workshop: Workshop, per_participant: int) -> tuple[int, int | None]:
    """``(used, available)``: the dots on the insights, and the room's dots (``None`` when the
    workshop lists no participants to count)."""
    used = sum(insight.votes for insight in workshop.insights)
    people = len(workshop.participants)
    return used, per_participant * people if people else None


class DotRow(widgets.HBox):
    """One insight: its title, −, the count of dots, +."""

    def __init__(self, insight_id: str) -> None:
        self.insight_id = insight_id
        self.title = widgets.HTML(layout=widgets.Layout(flex="1 1 12em", min_width="8em"))
        self.minus = widgets.Button(description=MINUS, layout=widgets.Layout(width="3em"))
        self.count = widgets.HTML(layout=widgets.Layout(width="3em", min_width="3em"))
        self.plus = widgets.Button(description="+", layout=widgets.Layout(width="3em"))
        self.minus.add_class("journeylab-dot-minus")
        self.plus.add_class("journeylab-dot-plus")
        self.mark = SaveMark(layout=widgets.Layout(flex="0 1 auto", margin="0 0 0 .5em"))
        # −, count and + stay together, beside the title or, on a narrow screen, under it
        controls = widgets.HBox([self.minus, self.count, self.plus, self.mark],
                                layout=widgets.Layout(flex="0 0 auto", align_items="center"))
        super().__init__([self.title, controls],
                         layout=widgets.Layout(width="100%", align_items="center",
                                               flex_flow="row wrap",
                                               border_bottom="1px solid #e0e0e0"))
        self.add_class("journeylab-dot-row")
        self.add_class(f"journeylab-dots-{insight_id}")

    def show(self, insight: Insight) -> None:
        """Show ``insight``'s title and dots."""
        self.title.value = html.escape(insight.title)
        self.count.value = ("<div style='text-align:center;font-size:130%;font-weight:bold'"
                            f" aria-live='polite'>{insight.votes}</div>")
        self.minus.disabled = insight.votes == 0
        self.minus.tooltip = _("One dot less for '{title}'", title=insight.title)
        self.plus.tooltip = _("One more dot for '{title}'", title=insight.title)


class DotVoting(widgets.VBox):
    """The dots of the whole room: how many each participant has, one row per insight, and
    the total used of the total available."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.per_participant = widgets.BoundedIntText(
            value=dots_per_participant(session), min=1, max=99,
            description=_("Dots per participant"), style={"description_width": "initial"},
            layout=widgets.Layout(width="16em"))
        self.per_participant.add_class("journeylab-dots-per-participant")
        self.total = widgets.HTML()
        self.total.add_class("journeylab-dots-total")
        self.rows: dict[str, DotRow] = {}
        self.rows_box = widgets.VBox(layout=widgets.Layout(width="100%", max_width="48em"))
        self.message = widgets.HTML()
        self._key: tuple | None = None  # nothing built yet
        self.per_participant.observe(self._per_participant_set, names="value")
        self.room = RoomPanel(
            session, "votes", question=lambda: _(
                "Put your {dots} dots on the insights to act on first.",
                dots=self.per_participant.value),
            items=lambda w: [RoundItem(id=i.id, label=i.title) for i in w.insights],
            persona=lambda: "", dots=lambda: self.per_participant.value,
            on_answers=lambda: self.refresh(self.session.workshop))
        super().__init__([
            widgets.HTML(f"<h3>{html.escape(_('Dot-voting'))}</h3>"),
            widgets.HTML(html.escape(_(
                "Each participant places their dots on the insights that matter most; "
                "press + for every dot called out, − to take one back."))),
            self.per_participant, self.room, self.total, self.rows_box, self.message])
        self.add_class("journeylab-dot-voting")
        self.refresh(session.workshop)

    def row(self, insight_id: str) -> DotRow:
        """The row of one insight."""
        return self.rows[insight_id]

    # -- what the facilitator does -------------------------------------------------------------
    def _per_participant_set(self, change: dict) -> None:
        _DOTS[self.session] = change["new"]
        self._show_total(self.session.workshop)

    def _vote(self, insight_id: str, delta: int) -> None:
        self.session.apply(lambda w: vote(w, insight_id, delta), beside=self.rows[insight_id].mark)

    # -- what is shown ---------------------------------------------------------------------------
    def refresh(self, workshop: Workshop) -> None:
        """Show ``workshop``'s insights and dots; rows are rebuilt only when insights come or
        go."""
        workshop = self.room.preview(workshop)  # with the phones' dots while a round runs
        key = tuple(i.id for i in workshop.insights)
        if key != self._key:
            self._key = key
            for old in self.rows.values():
                old.close()
            self.rows = {insight_id: self._new_row(insight_id) for insight_id in key}
            self.rows_box.children = tuple(self.rows.values()) or (widgets.HTML(
                html.escape(_("No insights yet: add them from the map above, or type "
                              "one."))),)
        for insight in workshop.insights:
            self.rows[insight.id].show(insight)
        self._show_total(workshop)

    def _new_row(self, insight_id: str) -> DotRow:
        row = DotRow(insight_id)
        row.minus.on_click(lambda _b: self._vote(insight_id, -1))
        row.plus.on_click(lambda _b: self._vote(insight_id, 1))
        return row

    def _show_total(self, workshop: Workshop) -> None:
        per = self.per_participant.value
        used, available = dots_total(workshop, per)
        if available is None:
            text = _("Dots used: {used}. List the participants in the set-up to count the "
                     "dots the room has.", used=used)
        else:
            text = _("Dots used: {used} of {available} (participants: {people}, dots each: "
                     "{per}).", used=used, available=available, per=per,
                     people=len(workshop.participants))
            if used > available:
                text += " " + _("That is {extra} more than the room has.",
                                extra=used - available)
            elif used < available:
                text += " " + _("Left: {left}.", left=available - used)
        over = available is not None and used > available
        self.total.value = (f"<div style='font-size:115%;font-weight:bold;margin:.3em 0'>"
                            f"{note(text, error=over)}</div>")
