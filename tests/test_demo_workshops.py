"""The demo workshops are complete, realistic and readable by outside tools."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from journeylab.analysis import disagreements
from journeylab.model import Lane
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[1]
DEMOS = sorted((ROOT / "workshops").glob("*/journey.json"))
SCHEMA = json.loads((ROOT / "journeylab" / "schema" / "workshop.schema.json").read_text("utf-8"))


def test_there_are_demo_workshops_in_english_and_bulgarian() -> None:
    assert len(DEMOS) >= 2
    languages = {load_workshop(path).language for path in DEMOS}
    assert {"en", "bg"} <= languages


@pytest.mark.parametrize("path", DEMOS, ids=lambda p: p.parent.name)
def test_committed_schema_accepts_the_demo(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_committed_schema_rejects_what_the_model_rejects() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    data = json.loads(DEMOS[0].read_text(encoding="utf-8"))
    data["emotions"][0]["score"] = 5
    data["touchpoints"][0]["id"] = "Not An Id"
    data["colour"] = "blue"
    paths = {tuple(error.absolute_path) for error in validator.iter_errors(data)}
    assert {("emotions", 0, "score"), ("touchpoints", 0, "id"), ()} <= paths


@pytest.mark.parametrize("path", DEMOS, ids=lambda p: p.parent.name)
def test_demo_fills_every_lane_like_a_real_workshop(path: Path) -> None:
    workshop = load_workshop(path)
    assert len(workshop.personas) >= 3
    assert len(workshop.touchpoints) >= 25
    assert {True, False} == {t.online for t in workshop.touchpoints}
    assert len(workshop.participants) >= 5
    cells = {(c.stage, c.persona): c for c in workshop.journey}
    for stage in workshop.stages:
        for persona in workshop.personas:
            cell = cells[(stage.id, persona.id)]
            assert all(getattr(cell, lane.value) for lane in Lane), (stage.id, persona.id)
    scored = Counter((s.persona, s.stage) for s in workshop.emotions if s.touchpoint is None)
    assert set(scored.values()) == {len(workshop.participants)}
    assert disagreements(workshop, top=1)["spread"].iloc[0] >= 4
    assert all(i.votes >= 0 for i in workshop.insights) and len(workshop.insights) >= 8
    for action in workshop.actions:
        assert action.owner and action.kpi and action.baseline is not None
        assert action.target is not None and action.due and action.insights
    assert len({card.evidence for c in workshop.journey for _l, card in c.cards()}) >= 4
