"""What a phone may see of a round, and whether an answer from it is one of the choices.

Pure functions over a :class:`~journeylab.room.rounds.Round` and the answers so far: the
server calls them, the tests call them directly.
"""

from __future__ import annotations

import re
import time

from .rounds import Round

#: Fewest answering phones before an anonymous round's results are shown: with one or two,
#: everyone could tell who answered what.
FEWEST_FOR_RESULTS = 3
EMOTION_SCORES = range(-3, 4)
BALLOT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_open(round: Round | None, now: float | None = None) -> bool:
    """Whether ``round`` takes answers now: open, and its timer (if any) not run out."""
    if round is None or round.state != "open":
        return False
    return round.ends_at is None or (now or time.time()) < round.ends_at


def public_view(round: Round) -> dict:
    """The round as every phone sees it: the question and the choices, nothing of others."""
    return {
        "id": round.id, "kind": round.kind, "question": round.question,
        "language": round.language, "dots": round.dots, "anonymous": round.anonymous,
        "state": round.state, "reveal": round.reveal, "ends_at": round.ends_at,
        "items": [item.model_dump() for item in round.items],
        "participants": [] if round.anonymous else
        [{"id": p.id, "label": p.label} for p in round.participants],
    }


def results(round: Round, answers: dict[str, dict[str, int]]) -> dict | None:
    """The room's results if the facilitator revealed them and enough phones answered.

    Emotions: ``{"kind": "emotions", "items": {stage: {"mean", "count"}}, "devices": n}``;
    votes: ``{"kind": "votes", "items": {insight: dots}, "devices": n}``.
    """
    if not round.reveal:
        return None
    known = {item.id for item in round.items}
    devices = [given for given in answers.values() if any(i in known for i in given)]
    if round.anonymous and len(devices) < FEWEST_FOR_RESULTS:
        return {"kind": round.kind, "items": None, "devices": len(devices)}
    items: dict[str, object] = {}
    for item in round.items:
        values = [given[item.id] for given in devices if item.id in given]
        if round.kind == "emotions":
            items[item.id] = {"mean": round_half(sum(values) / len(values)) if values else None,
                              "count": len(values)}
        else:
            items[item.id] = sum(values)
    return {"kind": round.kind, "items": items, "devices": len(devices)}


def round_half(value: float) -> float:
    """``value`` to one decimal, as a phone shows an average."""
    return float(f"{value:.1f}")


def check_ballot(round: Round | None, message: dict, mine: dict[str, int],
                 name: str | None, now: float | None = None) -> str | None:
    """Why ``message`` cannot be taken as an answer (a reason key), or ``None`` if it can.

    ``mine`` is this phone's answers so far in the round, ``name`` the participant it
    answers as; the reason keys are those of :func:`journeylab.room.words.refusal`.
    """
    ballot_id, value, item = message.get("id"), message.get("value"), message.get("item")
    if not isinstance(ballot_id, str) or not BALLOT_ID.fullmatch(ballot_id) \
            or not isinstance(item, str) or not isinstance(message.get("round"), str) \
            or "value" not in message:  # a cleared answer says so: "value": null
        return "bad"
    if round is None:
        return "no_round"
    if message["round"] != round.id:
        return "other_round"
    if not is_open(round, now):
        return "closed"
    if item not in {choice.id for choice in round.items}:
        return "item"
    if not round.anonymous and name not in {p.id for p in round.participants}:
        return "name"
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        return "value"
    if round.kind == "emotions":
        return None if value is None or value in EMOTION_SCORES else "value"
    if value is None or not 0 <= value <= round.dots:
        return "value"
    others = sum(given for choice, given in mine.items() if choice != item)
    return "dots" if others + value > round.dots else None
