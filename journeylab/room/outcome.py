"""What a round of the room adds up to, and how it goes into the workshop.

Pure functions: the answers of a round (device → item → value, as the ballot log holds them)
in, a summary or a change of the workshop out. The same change draws the facilitator's live
chart (applied to the workshop in memory) and, when the round closes, is saved through the
normal, conflict-safe save — so what the room saw is what the file holds.

A round may be closed, reopened and closed again: each close first takes back what the
round wrote the time before (``written``), so nothing counts twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from statistics import mean

from ..model import ANONYMOUS_PREFIX, EmotionScore, Workshop
from .rounds import Round

Answers = Mapping[str, Mapping[str, int]]
Change = Callable[[Workshop], Workshop]
#: Aggregates of an anonymous round are shown only from this many answering devices up, so
#: no one's answer can be read off the results.
ANONYMOUS_MINIMUM = 3


@dataclass
class Written:
    """What a round put into the workshop the last time it closed: taken back on the next."""

    scores: list[tuple[str, str]] = field(default_factory=list)  # (participant, stage)
    votes: dict[str, int] = field(default_factory=dict)  # insight → dots added

    def to_json(self) -> dict:
        return {"scores": [list(key) for key in self.scores], "votes": dict(self.votes)}

    @classmethod
    def from_json(cls, data: Mapping) -> Written:
        return cls([tuple(key) for key in data.get("scores", [])],
                   {str(k): int(v) for k, v in data.get("votes", {}).items()})


@dataclass(frozen=True)
class ItemSummary:
    """One stage or insight of a round: how many answered, and what."""

    item: str
    values: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def total(self) -> int:
        return sum(self.values)

    @property
    def mean(self) -> float | None:
        return mean(self.values) if self.values else None

    @property
    def spread(self) -> int:
        return max(self.values) - min(self.values) if self.values else 0


def summarise(round_: Round, answers: Answers) -> list[ItemSummary]:
    """Per item of ``round_``, in its order, the values the devices gave."""
    return [ItemSummary(item.id, tuple(given[item.id] for given in answers.values()
                                       if given.get(item.id) is not None))
            for item in round_.items]


def answering(answers: Answers) -> int:
    """How many devices have answered at least one item."""
    return sum(1 for given in answers.values() if any(v is not None for v in given.values()))


def results_shown(round_: Round, answers: Answers) -> bool:
    """Whether aggregates may be shown: always for a named round, else from 3 devices up."""
    return not round_.anonymous or answering(answers) >= ANONYMOUS_MINIMUM


def anonymous_id(round_: Round, device: str) -> str:
    """The id an anonymous device's scores are kept under: the same for the same device and
    round (a re-close replaces, never doubles), unrelated to any other round or device."""
    digest = hashlib.sha256(f"{round_.id}\0{device}".encode()).hexdigest()
    return f"{_round_prefix(round_)}{digest[:8]}"


def _round_prefix(round_: Round) -> str:
    return f"{ANONYMOUS_PREFIX}{hashlib.sha256(round_.id.encode()).hexdigest()[:6]}-"


def emotion_change(round_: Round, answers: Answers, names: Mapping[str, str],
                   before: Written) -> tuple[Change, Written]:
    """The change that writes an emotion round's answers, and what it will have written.

    A named device's answers go under the participant it chose; an anonymous one's under
    :func:`anonymous_id`. What the round wrote before is taken back first.
    """
    persona = round_.persona
    stages = {item.id for item in round_.items}
    planned: dict[tuple[str, str], int] = {}
    for device, given in answers.items():
        who = names.get(device) if not round_.anonymous else anonymous_id(round_, device)
        if not who:
            continue  # a named round's device that never said who it is
        for stage, value in given.items():
            if stage in stages and value is not None:
                planned[who, stage] = value

    def change(workshop: Workshop) -> Workshop:
        # one pass over the scores, however many phones answered: the live chart redraws
        # with this several times a second
        known = {p.id for p in workshop.participants}
        present = {s.id for s in workshop.stages}
        wanted = {key: value for key, value in planned.items()
                  if key[1] in present and (key[0] in known or round_.anonymous)}
        replaced = set(before.scores) | set(wanted)
        kept, comments = [], {}
        for score in workshop.emotions:
            key = (score.participant, score.stage)
            if score.persona == persona and score.touchpoint is None and key in replaced:
                comments[key] = score.comment  # a comment typed earlier stays with the score
            else:
                kept.append(score)
        added = [EmotionScore(participant=who, persona=persona, stage=stage, score=value,
                              comment=comments.get((who, stage), ""))
                 for (who, stage), value in wanted.items()]
        return workshop.model_copy(update={"emotions": kept + added})

    return change, Written(scores=sorted(planned))


def vote_change(round_: Round, answers: Answers, before: Written
                ) -> tuple[Change, Written]:
    """The change that adds a vote round's dots to the insights, and what it adds.

    The dots the round added the last time it closed are taken away first.
    """
    totals = {summary.item: summary.total for summary in summarise(round_, answers)}

    def change(workshop: Workshop) -> Workshop:
        insights = []
        for insight in workshop.insights:
            votes = insight.votes - before.votes.get(insight.id, 0) + totals.get(insight.id, 0)
            insights.append(insight.model_copy(update={"votes": max(0, votes)}))
        return workshop.model_copy(update={"insights": insights})

    return change, Written(votes={k: v for k, v in totals.items() if v})
