"""Cards of a lane: the changes a lane can take, one card's row, and the lane itself.

Every change to a lane is a function of the lane as saved (:data:`LaneChange`), so when
another window saved in between, the session re-applies it to their version, and a card
that changed there is never overwritten by mistake.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from ..errors import JourneyLabError, Problem
from ..i18n import _
from ..model import EVIDENCE_LABELS, Card, Evidence
from .live import Quiet
from .session import SaveMark

#: Card texts a little larger and tighter than other text areas: a card is read from afar.
STYLE = ("<style>.journeylab-card textarea {font-size: var(--jp-ui-font-size1); "
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


def plain_card(card: Card) -> dict[str, Any]:
    """``card`` as a lane change takes it: ``{"text": …, "evidence": …}``."""
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
        self.cards = [plain_card(card) for card in cards]
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
