"""Aggregations over a workshop: pandas in, pandas out, nothing drawn or written."""

from __future__ import annotations

import pandas as pd

from .model import Workshop

EMOTION_COLUMNS = ["stage", "persona", "n", "mean", "std", "min", "max", "spread"]


def emotion_scores(workshop: Workshop) -> pd.DataFrame:
    """One row per stage-level emotion score (touchpoint scores left out), stages in order."""
    rows = [(s.participant, s.persona, s.stage, s.score)
            for s in workshop.emotions if s.touchpoint is None]
    frame = pd.DataFrame(rows, columns=["participant", "persona", "stage", "score"])
    order = [stage.id for stage in workshop.stages]
    frame["stage"] = pd.Categorical(frame["stage"], categories=order, ordered=True)
    return frame


def emotion_by_stage(workshop: Workshop) -> pd.DataFrame:
    """Mean, spread and count of the room's scores per persona and stage.

    ``spread`` is the range (highest minus lowest score): the disagreement a facilitator
    sees at a glance on the −3…+3 scale.
    """
    scores = emotion_scores(workshop)
    if scores.empty:
        return pd.DataFrame(columns=EMOTION_COLUMNS)
    grouped = scores.groupby(["persona", "stage"], observed=True)["score"]
    table = grouped.agg(n="count", mean="mean", std="std", min="min", max="max").reset_index()
    table["spread"] = table["max"] - table["min"]
    table["std"] = table["std"].fillna(0.0)
    return table[EMOTION_COLUMNS].sort_values(["persona", "stage"], ignore_index=True)


def disagreements(workshop: Workshop, top: int = 3) -> pd.DataFrame:
    """The persona × stage cells where the room's scores spread the most, widest first."""
    table = emotion_by_stage(workshop)
    table = table[table["n"] >= 2]
    return table.sort_values(["spread", "std"], ascending=False, ignore_index=True).head(top)


def card_counts(workshop: Workshop) -> pd.DataFrame:
    """How many cards each persona (rows) has at each stage (columns); 0 for an empty cell.

    Rows and columns follow the workshop's order of personas and stages; the values are the
    cards of all eight lanes of the journey cell (the service blueprint is not per persona).
    """
    personas = [persona.id for persona in workshop.personas]
    stages = [stage.id for stage in workshop.stages]
    filled = {(cell.persona, cell.stage): sum(1 for _card in cell.cards())
              for cell in workshop.journey}
    return pd.DataFrame([[filled.get((p, s), 0) for s in stages] for p in personas],
                        index=pd.Index(personas, name="persona"),
                        columns=pd.Index(stages, name="stage"), dtype=int)


def next_empty_cell(counts: pd.DataFrame, stage: str | None = None,
                    persona: str | None = None) -> tuple[str, str] | None:
    """The first empty ``(stage, persona)`` after the given one, or ``None`` when all are filled.

    ``counts`` is what :func:`card_counts` returns. The walk follows one persona along the
    journey, stage by stage, then the next persona, as a room maps a journey; it wraps around
    to the start, and the given cell itself comes last.
    """
    cells = [(s, p) for p in counts.index for s in counts.columns]
    start = cells.index((stage, persona)) + 1 if (stage, persona) in cells else 0
    for s, p in cells[start:] + cells[:start]:
        if counts.loc[p, s] == 0:
            return s, p
    return None


def discussion_prompts(table: pd.DataFrame, top: int = 3, min_spread: int = 3) -> pd.DataFrame:
    """The rows of ``table`` where the room disagrees enough to talk about it, widest first.

    ``table`` is (a part of) what :func:`emotion_by_stage` returns. A row qualifies when at
    least two people scored it and their scores lie ``min_spread`` points or more apart (on
    −3…+3, three points is the distance from "uneasy" to "pleased"): smaller differences
    are noise, not disagreement. Ties are broken by the standard deviation.
    """
    wanted = table[(table["n"] >= 2) & (table["spread"] >= min_spread)]
    return wanted.sort_values(["spread", "std"], ascending=False, ignore_index=True).head(top)
