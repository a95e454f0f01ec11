"""Which insights to act on first: candidates from the map, quadrants and a priority score.

The room rates every insight for *impact* (1 = hardly noticed … 5 = changes the journey) and
*effort* (1 = a few days … 5 = a project of months), and gives it votes. Two views follow:

Quadrant
    Where the insight sits on the impact × effort matrix. 4 and 5 count as high, 1 to 3 as
    low, so a new insight (impact 3, effort 3) starts as a fill-in until the room says it
    matters: *quick wins* (high impact, low effort), *big bets* (high impact, high effort),
    *fill-ins* (low impact, low effort) and *money pits* (low impact, high effort).

Priority score
    ``impact × ease × (1 + votes ÷ most votes)``, where ``ease = 6 − effort``. Impact times
    ease (1 … 25) is the value for the work; the votes weigh it by what the room cares about:
    the most-voted insight counts twice, an insight without votes once. So votes can lift an
    insight past a slightly better-rated one, but cannot turn a money pit into the first
    thing to do. Ties go to more votes, then higher impact (so lower effort), then the order
    the room listed them in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


from . import edit
from .errors import JourneyLabError
from .i18n import N_, _
from .model import (INSIGHT_KIND_LABELS, Evidence, Insight, InsightKind, Lane, Workshop)

#: From this rating up (on the 1–5 scales) impact or effort counts as high.
HIGH = 4
#: The longest title an insight may have (the model's limit for a name).
TITLE_LENGTH = 200

KIND_LABELS = INSIGHT_KIND_LABELS

#: The map lanes whose cards become candidate insights, and the kind they become.
LANE_KINDS = {Lane.PAIN_POINTS: InsightKind.PAIN_POINT,
              Lane.OPPORTUNITIES: InsightKind.OPPORTUNITY}


class Quadrant(StrEnum):
    """A quarter of the impact × effort matrix, in the order to act on them."""

    QUICK_WIN = "quick_win"
    BIG_BET = "big_bet"
    FILL_IN = "fill_in"
    MONEY_PIT = "money_pit"


QUADRANT_LABELS = {Quadrant.QUICK_WIN: N_("Quick wins"), Quadrant.BIG_BET: N_("Big bets"),
                   Quadrant.FILL_IN: N_("Fill-ins"), Quadrant.MONEY_PIT: N_("Money pits")}


def vote_label(votes: int, title: str) -> str:
    """``▲5 Hidden delivery fee``: an insight as lists and charts name it, votes first."""
    return _("▲{votes} {title}", votes=votes, title=title)


def quadrant(impact: int, effort: int) -> Quadrant:
    """The quadrant of an insight rated ``impact`` and ``effort`` (1–5 each)."""
    if impact >= HIGH:
        return Quadrant.BIG_BET if effort >= HIGH else Quadrant.QUICK_WIN
    return Quadrant.MONEY_PIT if effort >= HIGH else Quadrant.FILL_IN


def priority_score(impact: int, effort: int, votes: int, most_votes: int) -> float:
    """``impact × (6 − effort) × (1 + votes ÷ most_votes)``: see the module notes.

    ``most_votes`` is the highest vote count of any insight in the workshop; with no votes
    anywhere the score is impact × ease alone.
    """
    weight = 1 + votes / most_votes if most_votes > 0 else 1
    return impact * (6 - effort) * weight


@dataclass(frozen=True)
class Ranked:
    """An insight with its place in the priority order."""

    rank: int
    insight: Insight
    score: float
    quadrant: Quadrant


def by_priority(insights: Sequence[Insight]) -> list[Ranked]:
    """``insights`` from the highest priority score down, ranked from 1."""
    most = max((i.votes for i in insights), default=0)
    scored = [(priority_score(i.impact, i.effort, i.votes, most), index, i)
              for index, i in enumerate(insights)]
    scored.sort(key=lambda s: (-s[0], -s[2].votes, -s[2].impact, s[1]))
    return [Ranked(rank, insight, score, quadrant(insight.impact, insight.effort))
            for rank, (score, _index, insight) in enumerate(scored, start=1)]


# -- candidates from the map -------------------------------------------------------------------

def same_title(title: str) -> str:
    """What two titles share when they count as the same: case and spacing ignored."""
    return " ".join(title.split()).casefold()


def title_from(text: str) -> str:
    """A card's text made a title: its first line, cut at a word if it is too long."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = " ".join(line.split())
    if len(line) <= TITLE_LENGTH:
        return line
    cut = line[:TITLE_LENGTH - 1]
    at_space = cut.rfind(" ")
    return (cut[:at_space] if at_space > TITLE_LENGTH // 2 else cut).rstrip(" ,;:.") + "…"


@dataclass(frozen=True)
class Candidate:
    """A pain point or opportunity card on the map that could become an insight."""

    kind: InsightKind
    title: str
    text: str
    stage: str
    persona: str
    evidence: Evidence
    taken: bool = False  # an insight with this title exists already

    def fields(self) -> dict[str, Any]:
        """The fields of the insight made from this card (the full text if the title is cut)."""
        return {"kind": self.kind.value, "title": self.title,
                "description": "" if self.text.strip() == self.title else self.text,
                "stage": self.stage, "persona": self.persona,
                "evidence": self.evidence.value}


def gather_candidates(workshop: Workshop) -> list[Candidate]:
    """Every pain point and opportunity card, by stage, persona, lane and card order.

    Cards already made insights (an insight has the same title) are included with
    ``taken`` set; :func:`candidate_insights` leaves them out.
    """
    titles = {same_title(i.title) for i in workshop.insights}
    stage_order = {s.id: n for n, s in enumerate(workshop.stages)}
    persona_order = {p.id: n for n, p in enumerate(workshop.personas)}
    cells = sorted(workshop.journey, key=lambda c: (stage_order.get(c.stage, len(stage_order)),
                                                    persona_order.get(c.persona, 0)))

    def cards() -> Iterator[Candidate]:
        for cell in cells:
            for lane, kind in LANE_KINDS.items():
                for card in getattr(cell, lane.value):
                    title = title_from(card.text)
                    if title:
                        yield Candidate(kind, title, card.text, cell.stage, cell.persona,
                                        card.evidence, same_title(title) in titles)

    return list(cards())


def candidate_insights(workshop: Workshop) -> list[Candidate]:
    """The pain point and opportunity cards not yet made insights."""
    return [c for c in gather_candidates(workshop) if not c.taken]


# -- changes ------------------------------------------------------------------------------------

def add_candidate(workshop: Workshop, candidate: Candidate) -> Workshop:
    """``workshop`` with ``candidate`` made an insight; refused if one has its title already.

    The check is made on the workshop the change is applied to, so a card added meanwhile in
    another tab is not added twice.
    """
    if any(same_title(i.title) == same_title(candidate.title) for i in workshop.insights):
        raise JourneyLabError(_("'{title}' is already an insight.", title=candidate.title))
    return edit.add(workshop, "insight", candidate.fields())


def vote(workshop: Workshop, insight_id: str, delta: int) -> Workshop:
    """``workshop`` with ``delta`` votes added to one insight; votes never go below 0."""
    insight = next((i for i in workshop.insights if i.id == insight_id), None)
    if insight is None:
        return edit.update(workshop, "insight", insight_id)  # says there is no such insight
    return edit.update(workshop, "insight", insight_id, votes=max(0, insight.votes + delta))
