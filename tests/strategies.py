"""Hypothesis strategies for valid workshops, with text that breaks naive file formats.

Every value is passed through the model's own field types, so what is drawn is exactly what
a stored workshop can hold (stripped, NFC, ``\\n`` line ends), and every reference points at
something that exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, get_args

from hypothesis import strategies as st
from pydantic import Field, TypeAdapter, ValidationError

from journeylab.model import (
    SCALE_RANGES,
    ActionStatus,
    BlueprintLane,
    ColumnMap,
    Evidence,
    Insight,
    InsightKind,
    Label,
    Lane,
    Name,
    PersonalData,
    ReadSettings,
    Scale,
    ScaleKind,
    SkipReason,
    Text,
    Workshop,
    WorkshopState,
    validate_workshop,
)
from journeylab.presets import CHANNELS, FRAMEWORKS

MAX_ITEMS = 4

_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъьюяЁёЫыЭэЇїЄєҐґЃѓЌќЉљЊњЏџЅѕЈјЍѝ"
_LATVIAN = "āēīūšžņļķģčĀĒĪŪŠŽŅĻĶĢČ"
_DECOMPOSED = ["a\u0304", "s\u030c", "e\u0301", "И\u0306"]  # NFC composes these
_EMOJI = ["😀", "🎉", "👍🏽", "👩\u200d💻", "❤\ufe0f", "🇱🇻"]
_PUNCTUATION = list("\"',;:|\\/=+-@#%&*()[]{}<>?!~`^$«»„“”—–… \u00a0\u2028\u3000\ufeff")
#: Values spreadsheets and data frames like to reinterpret.
TRICKY = ["NA", "N/A", "n/a", "null", "NULL", "None", "nan", "NaN", "#N/A", "TRUE", "false",
          "007", "0012", "1e5", "0.10", "-0", "+1", "=SUM(A1)", "=1+2", "@cmd", "-2+3",
          "2026-11-22", "22.11.2026", "1/2", "12:30", "_x000D_", "'quoted", '"', '""']
# Characters the model accepts but an Excel workbook (XML 1.0) cannot hold; tables.py refuses
# to write them, so they are left out of workshops meant to round-trip.
_NOT_IN_XML = "\ufffe\uffff"
_ANY = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"),
                     exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                                        "\u2069" + _NOT_IN_XML)

_ADAPTERS = {
    (True, 0): TypeAdapter(Text), (False, 0): TypeAdapter(Label),
    (True, 1): TypeAdapter(Annotated[Text, Field(min_length=1)]), (False, 1): TypeAdapter(Name),
}


def _pieces(multiline: bool) -> st.SearchStrategy[str]:
    breaks = ["\n", "\r\n", "\t", "\n\n"] if multiline else []
    return st.one_of(
        st.sampled_from(_CYRILLIC), st.sampled_from(_LATVIAN), st.sampled_from(_DECOMPOSED),
        st.sampled_from(_EMOJI), st.sampled_from(_PUNCTUATION), st.sampled_from(TRICKY),
        st.sampled_from(breaks or [" "]), st.sampled_from("abcXYZ0189 "), _ANY,
    )


def _normalised(adapter: TypeAdapter, max_size: int) -> Callable[[str], str | None]:
    def normalise(raw: str) -> str | None:
        try:
            value = adapter.validate_python(raw)
        except ValidationError:
            return None
        return value if len(value) <= max_size else None
    return normalise


def texts(*, multiline: bool = True, required: bool = False,
          max_size: int = 60) -> st.SearchStrategy[str]:
    """Text as the model stores it, drawn from a wide alphabet and spreadsheet traps.

    Parameters
    ----------
    multiline : bool
        Allow line breaks and tabs (a ``Text`` field); otherwise one line (``Label``, ``Name``).
    required : bool
        Never empty (``Name``, a card's text, a persona's goal).
    max_size : int
        At most this many characters after normalisation.
    """
    adapter = _ADAPTERS[multiline, int(required)]
    raw = st.lists(_pieces(multiline), min_size=int(required), max_size=8).map("".join)
    return raw.map(_normalised(adapter, max_size)).filter(lambda value: value is not None)


def _one_line(required: bool = False) -> st.SearchStrategy[str]:
    return texts(multiline=False, required=required, max_size=40)


ids = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=5),
               min_size=1, max_size=3).map("-".join)
"""A valid id: lowercase Latin letters and digits in hyphen-joined runs (``"007"`` too)."""

_unique_ids = st.lists(ids, unique=True, max_size=MAX_ITEMS)
_optional_floats = (st.none() | st.floats(allow_nan=False, allow_infinity=False)
                    | st.integers(-10**6, 10**6))


def _maybe(choices: list[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(choices) if choices else st.none()


def _some(choices: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(choices), max_size=3) if choices else st.just([])


def _cards() -> st.SearchStrategy[list[dict[str, Any]]]:
    card = st.fixed_dictionaries({"text": texts(required=True),
                                  "evidence": st.sampled_from(Evidence)})
    return st.lists(card, max_size=2)


def _choices(field: str) -> list[str]:
    """The values a :class:`ReadSettings` field allows."""
    return list(get_args(ReadSettings.model_fields[field].annotation))


@st.composite
def _scales(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(ScaleKind))
    if kind in SCALE_RANGES:
        low, high = SCALE_RANGES[kind]
        return {"kind": kind, "low": low, "high": high, "step": draw(st.sampled_from([1, 0.5]))}
    step = draw(st.sampled_from([1, 0.5, 0.25, 2, 10]))
    low = draw(st.integers(-10, 10)) * step
    return {"kind": kind, "low": low, "high": low + draw(st.integers(1, 10)) * step,
            "step": step}


_offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
_months = st.builds("{:04d}-{:02d}".format, st.integers(2000, 2100), st.integers(1, 12))


@st.composite
def evidence_sources(draw: st.DrawFn, source_id: str, stage_ids: list[str],
                     touchpoint_ids: list[str], persona_ids: list[str]) -> dict[str, Any]:
    """A valid evidence source as plain data, naming only the given stages, touchpoints and
    personas, with as many counts per cell as its scale has ratings and one list of words per
    stage."""
    line, name = _one_line(), _one_line(required=True)
    scale = draw(_scales())
    ratings = Scale.model_validate(scale).values
    labels = {field: draw(st.dictionaries(line, _maybe(ids), max_size=2))
              for field, ids in (("stage", stage_ids), ("touchpoint", touchpoint_ids),
                                 ("persona", persona_ids))}
    def tallies(keys):
        return st.dictionaries(st.sampled_from(list(keys)), st.integers(1, 10**6), max_size=2)

    cell_keys = draw(st.lists(st.tuples(st.sampled_from(stage_ids), _maybe(touchpoint_ids),
                                        _maybe(persona_ids), st.none() | _months),
                              unique=True, max_size=3)) if stage_ids else []
    counts = st.lists(st.integers(0, 10**6), min_size=len(ratings), max_size=len(ratings))
    quotes = st.lists(st.fixed_dictionaries({
        "stage": st.sampled_from(stage_ids), "text": texts(required=True),
        "rating": st.sampled_from(ratings) | st.floats(allow_nan=False, allow_infinity=False),
        "respondent": st.just("") | st.binary(min_size=8, max_size=8).map(bytes.hex),
    }), max_size=2) if stage_ids else st.just([])
    word = st.fixed_dictionaries({"word": name, "count": st.integers(1, 10**6)})
    word_stages = draw(st.lists(st.sampled_from(stage_ids), unique=True,
                                max_size=2)) if stage_ids else []
    return {
        "id": source_id, "name": draw(name), "file_name": draw(line),
        "fingerprint": draw(st.binary(min_size=32, max_size=32)).hex(),
        "imported": draw(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1),
                                      timezones=_offsets | st.none() | st.just(dt.UTC))),
        "settings": {"encoding": draw(st.sampled_from(_choices("encoding"))),
                     "separator": draw(st.sampled_from(_choices("separator"))),
                     "decimal": draw(st.sampled_from(_choices("decimal"))),
                     "date_format": draw(st.sampled_from(_choices("date_format"))),
                     "sheet": draw(line)},
        "columns": draw(st.fixed_dictionaries(dict.fromkeys(ColumnMap.model_fields, line))),
        "scale": scale,
        **{f"{field}_labels": value for field, value in labels.items()},
        "rows": draw(st.integers(0, 10**6)), "respondents": draw(st.integers(0, 10**6)),
        "skipped": draw(tallies(SkipReason)),
        "redacted": draw(tallies(get_args(PersonalData))),
        "cells": [{"stage": s, "touchpoint": t, "persona": p, "month": m, "counts": draw(counts)}
                  for s, t, p, m in cell_keys],
        "quotes": draw(quotes),
        "words": [{"stage": stage, "words": draw(st.lists(word, max_size=2))}
                  for stage in word_stages],
    }


@st.composite
def workshops(draw: st.DrawFn) -> Workshop:
    """A valid :class:`Workshop` of up to :data:`MAX_ITEMS` items per list, references intact."""
    stage_ids = draw(_unique_ids)
    persona_ids = draw(_unique_ids)
    participant_ids = draw(_unique_ids)
    channel_ids = draw(st.lists(ids.filter(lambda i: i not in CHANNELS), unique=True,
                                max_size=2))
    touchpoint_ids = draw(_unique_ids)
    insight_ids = draw(_unique_ids)
    action_ids = draw(_unique_ids)
    evidence_ids = draw(st.lists(ids, unique=True, max_size=2))
    all_channels = sorted(CHANNELS) + channel_ids
    text, line, name = texts(), _one_line(), _one_line(required=True)

    personas = [draw(st.fixed_dictionaries({
        "id": st.just(persona), "name": name, "tagline": line, "story": text,
        "demographics": st.fixed_dictionaries({field: line for field in (
            "age", "gender", "education", "income", "occupation", "location")}),
        "psychographics": st.fixed_dictionaries({field: text for field in (
            "interests", "lifestyle", "values", "motivations")}),
        "behaviour": st.fixed_dictionaries({"habits": text, "devices": line}),
        "goals": st.lists(texts(required=True), max_size=3),
        "needs": st.lists(texts(required=True), max_size=3),
        "frustrations": st.lists(texts(required=True), max_size=3),
        "channels": _some(all_channels),
    })) for persona in persona_ids]

    cell_keys = draw(st.lists(st.sampled_from([(s, p) for s in stage_ids for p in persona_ids]),
                              unique=True, max_size=MAX_ITEMS)) if stage_ids and persona_ids \
        else []
    journey = [{"stage": stage, "persona": persona,
                **draw(st.fixed_dictionaries({}, optional={lane.value: _cards()
                                                           for lane in Lane}))}
               for stage, persona in cell_keys]
    blueprint_stages = draw(st.lists(st.sampled_from(stage_ids), unique=True,
                                     max_size=MAX_ITEMS)) if stage_ids else []
    blueprint = [{"stage": stage,
                  **draw(st.fixed_dictionaries({}, optional={lane.value: _cards()
                                                             for lane in BlueprintLane}))}
                 for stage in blueprint_stages]

    score_keys = [(a, p, s, t) for a in participant_ids for p in persona_ids for s in stage_ids
                  for t in [None, *touchpoint_ids]]
    emotions = [{"participant": a, "persona": p, "stage": s, "touchpoint": t,
                 "score": draw(st.integers(-3, 3)), "comment": draw(text)}
                for a, p, s, t in (draw(st.lists(st.sampled_from(score_keys), unique=True,
                                                 max_size=MAX_ITEMS)) if score_keys else [])]

    data = {
        "title": draw(name), "organisation": draw(line), "scope": draw(text),
        "goal": draw(text), "scenario": draw(text), "date": draw(st.none() | st.dates()),
        "language": draw(st.sampled_from(["en", "bg", "ru", "lv", "mk"])),
        "facilitator": draw(line), "state": draw(st.sampled_from(WorkshopState)),
        "framework": draw(st.sampled_from(sorted(FRAMEWORKS))),
        "participants": [{"id": i, "name": draw(name), "department": draw(line)}
                         for i in participant_ids],
        "stages": [{"id": i, "name": draw(name), "description": draw(text)} for i in stage_ids],
        "channels": [{"id": i, "name": draw(name), "online": draw(st.booleans())}
                     for i in channel_ids],
        "touchpoints": [{"id": i, "name": draw(name),
                         "channel": draw(st.sampled_from(all_channels)),
                         "online": draw(st.booleans()), "owner": draw(line),
                         "stages": draw(_some(stage_ids)), "description": draw(text)}
                        for i in touchpoint_ids],
        "personas": personas, "journey": journey, "blueprint": blueprint,
        "emotions": emotions,
        "insights": [{"id": i, "kind": draw(st.sampled_from(InsightKind)), "title": draw(name),
                      "description": draw(text),
                      "stage": draw(_maybe(stage_ids)),
                      "persona": draw(_maybe(persona_ids)),
                      "touchpoint": draw(_maybe(touchpoint_ids)),
                      "votes": draw(st.integers(0, 10_000)), "impact": draw(st.integers(1, 5)),
                      "effort": draw(st.integers(1, 5)),
                      "evidence": draw(st.sampled_from(Evidence))} for i in insight_ids],
        "actions": [{"id": i, "title": draw(name), "description": draw(text),
                     "owner": draw(line), "kpi": draw(line),
                     "baseline": draw(_optional_floats), "target": draw(_optional_floats),
                     "unit": draw(line), "due": draw(st.none() | st.dates()),
                     "status": draw(st.sampled_from(ActionStatus)),
                     "insights": draw(_some(insight_ids))} for i in action_ids],
        "evidence": [draw(evidence_sources(i, stage_ids, touchpoint_ids, persona_ids))
                     for i in evidence_ids],
    }
    return validate_workshop(data)


def insight(n: int, impact: int = 3, effort: int = 3, votes: int = 0,
            kind: str = "pain_point", title: str = "") -> Insight:
    """A plain insight numbered ``n``, for tests of priorities and their charts."""
    return Insight(id=f"i{n}", kind=kind, title=title or f"Insight {n}", impact=impact,
                   effort=effort, votes=votes)
