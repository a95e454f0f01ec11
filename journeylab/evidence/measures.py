"""The figures of customer evidence, all computed from the kept rating counts.

Per stage, touchpoint, persona or month: how many ratings (n), their mean on the file's
scale, the same on the map's emotion scale (−3…+3) with its 95 % confidence interval, and
the scale's own headline figure: for CSAT the share of satisfied customers (4 or 5 of 5,
Wilson interval), for NPS promoters minus detractors in points, for CES and other ranges
the mean rating (t interval). The room's emotion curve is set beside the customers' one,
and stages where the room is more optimistic than the evidence are flagged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from ..analysis import emotion_by_stage
from ..i18n import N_
from ..model import EvidenceSource, Scale, ScaleKind, Workshop
from .stats import MIN_GROUP, Sample, mean_interval, nps, nps_interval, proportion_interval

FIELDS = ("stage", "touchpoint", "persona", "month")
HEADLINES = {ScaleKind.CSAT: N_("CSAT, % satisfied"), ScaleKind.NPS: N_("NPS"),
             ScaleKind.CES: N_("CES, mean ease"), ScaleKind.CUSTOM: N_("Mean rating")}
COLUMNS = ("n", "mean", "emotion", "emotion_low", "emotion_high", "headline",
           "headline_low", "headline_high")


def samples(source: EvidenceSource, by: Sequence[str]) -> dict[tuple, Sample]:
    """The ratings of ``source`` grouped by the fields ``by`` (of :data:`FIELDS`)."""
    values = source.scale.values
    grouped: dict[tuple, list[int]] = {}
    for cell in source.cells:
        key = tuple(getattr(cell, name) for name in by)
        total = grouped.setdefault(key, [0] * len(values))
        for index, count in enumerate(cell.counts):
            total[index] += count
    return {key: Sample(values, tuple(counts)) for key, counts in grouped.items()}


def headline(scale: Scale, sample: Sample) -> tuple[float, float, float]:
    """The scale's headline figure of ``sample`` with its 95 % interval."""
    if sample.n == 0:
        return math.nan, math.nan, math.nan
    if scale.kind == ScaleKind.CSAT:
        satisfied = sum(c for v, c in zip(sample.values, sample.counts, strict=True)
                        if v >= 4)
        low, high = proportion_interval(satisfied, sample.n)
        return 100 * satisfied / sample.n, 100 * low, 100 * high
    if scale.kind == ScaleKind.NPS:
        low, high = nps_interval(sample)
        return nps(sample), low, high
    low, high = mean_interval(sample)
    return sample.mean, low, high


def measure(scale: Scale, sample: Sample) -> dict[str, float]:
    """The figures of one group, named as :data:`COLUMNS`."""
    low, high = mean_interval(sample) if sample.n >= 2 else (math.nan, math.nan)
    low, high = max(low, scale.low), min(high, scale.high)  # never beyond the scale
    value, value_low, value_high = headline(scale, sample)
    if scale.kind not in (ScaleKind.CSAT, ScaleKind.NPS):  # a mean rating: on the scale
        value_low, value_high = max(value_low, scale.low), min(value_high, scale.high)
    mean = sample.mean if sample.n else math.nan
    return {"n": sample.n, "mean": mean,
            "emotion": scale.emotion(mean) if sample.n else math.nan,
            "emotion_low": scale.emotion(low) if sample.n >= 2 else math.nan,
            "emotion_high": scale.emotion(high) if sample.n >= 2 else math.nan,
            "headline": value, "headline_low": value_low, "headline_high": value_high}


def measures(source: EvidenceSource, by: Sequence[str],
             order: dict[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """One row per group of ``by`` with :data:`COLUMNS`; rows follow ``order`` (the
    workshop's order of stages, personas…) where given, groups without a value last."""
    rows = [{**dict(zip(by, key, strict=True)), **measure(source.scale, sample)}
            for key, sample in samples(source, by).items()]
    table = pd.DataFrame(rows, columns=[*by, *COLUMNS])
    table[list(by)] = _with_none(table[list(by)])
    order = order or {}

    def rank(column: str, value: object) -> tuple[int, object]:
        known = list(order.get(column, ()))
        if value is None:
            return (2, "")
        return (0, known.index(value)) if value in known else (1, str(value))

    keys = [tuple(rank(column, row[column]) for column in by)
            for row in table.to_dict("records")]
    ordered = sorted(range(len(table)), key=lambda i: keys[i])
    return table.iloc[ordered].reset_index(drop=True)


def _with_none(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its missing values as ``None``, as the model has them, not NaN."""
    return frame.astype(object).where(frame.notna(), None)


def workshop_order(workshop: Workshop) -> dict[str, list[str]]:
    """The workshop's order of stages, touchpoints and personas."""
    return {"stage": [s.id for s in workshop.stages],
            "touchpoint": [t.id for t in workshop.touchpoints],
            "persona": [p.id for p in workshop.personas]}


def room_versus_customers(workshop: Workshop, sources: Iterable[EvidenceSource]
                          ) -> pd.DataFrame:
    """Per stage (and persona, where the customers' data names personas): the room's mean
    emotion and the customers', with the customers' interval and whether the room is more
    optimistic than the evidence (its mean above the customers' interval)."""
    room = emotion_by_stage(workshop)
    room["stage"], room["persona"] = room["stage"].astype(str), room["persona"].astype(str)
    rows = []
    for source in sources:
        by_persona = any(cell.persona for cell in source.cells)
        by = ("stage", "persona") if by_persona else ("stage",)
        customers = measures(source, by, workshop_order(workshop))
        for row in customers.to_dict("records"):
            if by_persona and row["persona"] is None:
                continue
            said = room[room["stage"] == row["stage"]]
            if by_persona:
                said = said[said["persona"] == row["persona"]]
            mean = float(said["mean"].mean()) if not said.empty else math.nan
            rows.append({"source": source.id, "stage": row["stage"],
                         "persona": row.get("persona"), "room": mean,
                         "customers": row["emotion"], "customers_low": row["emotion_low"],
                         "customers_high": row["emotion_high"], "n": row["n"],
                         "optimistic": bool(row["n"] >= MIN_GROUP and not math.isnan(mean)
                                            and not math.isnan(row["emotion_high"])
                                            and mean > row["emotion_high"])})
        rows += _room_only(room, source.id, {(r["stage"], r["persona"]) for r in rows
                                              if r["source"] == source.id}, by_persona)
    table = pd.DataFrame(rows, columns=["source", "stage", "persona", "room", "customers",
                                        "customers_low", "customers_high", "n", "optimistic"])
    table["persona"] = _with_none(table[["persona"]])["persona"]
    return table


def _room_only(room: pd.DataFrame, source: str, seen: set[tuple],
               by_persona: bool) -> list[dict]:
    """Rows for the stages the room scored but no customer rated: the room's curve is
    drawn whole, the customers' has a gap there."""
    if by_persona:
        means = room.groupby(["stage", "persona"], sort=False)["mean"].mean()
    else:
        means = room.groupby("stage", sort=False)["mean"].mean()
    rows = []
    for key, mean in means.items():
        stage, persona = key if by_persona else (key, None)
        if (stage, persona) not in seen:
            rows.append({"source": source, "stage": stage, "persona": persona,
                         "room": float(mean), "customers": math.nan,
                         "customers_low": math.nan, "customers_high": math.nan, "n": 0,
                         "optimistic": False})
    return rows
