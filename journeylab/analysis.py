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
