"""Candidates from the map, quadrants, the priority score and the order it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab import edit
from journeylab.errors import JourneyLabError, WorkshopInvalid
from journeylab.model import Evidence, InsightKind, Lane
from journeylab.priorities import (
    TITLE_LENGTH,
    Quadrant,
    add_candidate,
    by_priority,
    candidate_insights,
    gather_candidates,
    priority_score,
    quadrant,
    same_title,
    title_from,
    vote,
    vote_label,
)
from journeylab.store import load_workshop

from .strategies import insight

ROOT = Path(__file__).parents[1]
DEMOS = ["elektronika-online", "mortgage-journey"]


@pytest.mark.parametrize(("impact", "effort", "expected"), [
    (5, 1, Quadrant.QUICK_WIN), (4, 3, Quadrant.QUICK_WIN), (4, 4, Quadrant.BIG_BET),
    (5, 5, Quadrant.BIG_BET), (3, 3, Quadrant.FILL_IN), (1, 1, Quadrant.FILL_IN),
    (3, 4, Quadrant.MONEY_PIT), (1, 5, Quadrant.MONEY_PIT)])
def test_quadrants_count_four_and_five_as_high(impact, effort, expected) -> None:
    assert quadrant(impact, effort) is expected


def test_score_is_impact_times_ease_weighed_by_votes() -> None:
    assert priority_score(5, 1, 0, 0) == 25  # no votes anywhere: impact × ease
    assert priority_score(3, 3, 4, 4) == 3 * 3 * 2  # the most-voted counts twice
    assert priority_score(4, 2, 2, 8) == pytest.approx(4 * 4 * 1.25)
    assert priority_score(2, 5, 0, 8) == 2


def test_votes_lift_but_cannot_make_a_money_pit_first() -> None:
    pit = insight(1, impact=1, effort=5, votes=20)
    plain = insight(2, impact=3, effort=3, votes=0)
    assert [r.insight.id for r in by_priority([pit, plain])] == ["i2", "i1"]
    close = [insight(3, impact=4, effort=2, votes=0), insight(4, impact=4, effort=3, votes=5)]
    # 4 × 4 = 16 against 4 × 3 × 2 = 24: the room's votes decide between near neighbours
    assert [r.insight.id for r in by_priority(close)] == ["i4", "i3"]


def test_ties_go_to_votes_then_impact_then_list_order() -> None:
    same = [insight(1, impact=3, effort=2), insight(2, impact=4, effort=3),
            insight(3, impact=3, effort=2), insight(5, impact=2, effort=2, votes=4),
            insight(7, impact=1, effort=1, votes=8)]
    ranked = by_priority(same)
    # 3 × 4, 4 × 3, 3 × 4 and 2 × 4 × (1 + 4/8) all make 12; 1 × 5 × 2 makes 10
    assert [r.score for r in ranked] == [12, 12, 12, 12, 10]
    assert [r.insight.id for r in ranked] == ["i5", "i2", "i1", "i3", "i7"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]


def test_ranked_insights_carry_their_quadrant() -> None:
    ranked = by_priority([insight(1, impact=5, effort=1), insight(2, impact=2, effort=5)])
    assert [(r.insight.id, r.quadrant) for r in ranked] == [
        ("i1", Quadrant.QUICK_WIN), ("i2", Quadrant.MONEY_PIT)]
    assert by_priority([]) == []


@pytest.mark.parametrize("demo", DEMOS)
def test_every_pain_point_and_opportunity_card_is_a_candidate(demo: str) -> None:
    workshop = load_workshop(ROOT / "workshops" / demo)
    expected = {(card.text, cell.stage, cell.persona, kind)
                for cell in workshop.journey
                for lane, kind in ((Lane.PAIN_POINTS, InsightKind.PAIN_POINT),
                                   (Lane.OPPORTUNITIES, InsightKind.OPPORTUNITY))
                for card in getattr(cell, lane.value)}
    found = gather_candidates(workshop)
    assert expected  # the demo has cards to gather
    assert {(c.text, c.stage, c.persona, c.kind) for c in found} == expected
    assert len(found) == sum(len(c.pain_points) + len(c.opportunities)
                             for c in workshop.journey)
    stage_order = [s.id for s in workshop.stages]
    positions = [stage_order.index(c.stage) for c in found]
    assert positions == sorted(positions)  # by stage, as the map reads


def test_cards_already_made_insights_are_skipped_by_title() -> None:
    workshop = load_workshop(ROOT / "workshops" / "mortgage-journey")
    first = candidate_insights(workshop)[0]
    # the same words with other case and spacing count as the same insight
    retyped = "  " + "  ".join(first.title.upper().split()) + " "
    workshop = edit.add(workshop, "insight", {"kind": "opportunity", "title": retyped})
    left = candidate_insights(workshop)
    assert first.title not in [c.title for c in left]
    assert [c.title for c in gather_candidates(workshop) if c.taken] == [first.title]
    assert same_title(retyped) == same_title(first.title)


def test_a_long_card_becomes_a_short_title_and_keeps_its_text() -> None:
    text = "Word " * 80 + "\nsecond line"
    title = title_from(text)
    assert len(title) <= TITLE_LENGTH and title.endswith("…")
    assert "\n" not in title and title.startswith("Word Word")
    assert title_from("\n\n  First   line  \nsecond") == "First line"


def test_adding_a_candidate_makes_an_insight_with_its_stage_and_persona() -> None:
    workshop = load_workshop(ROOT / "workshops" / "elektronika-online")
    candidate = next(c for c in candidate_insights(workshop)
                     if c.kind is InsightKind.OPPORTUNITY)
    after = add_candidate(workshop, candidate)
    made = after.insights[-1]
    assert (made.kind, made.title, made.stage, made.persona, made.evidence) == (
        InsightKind.OPPORTUNITY, candidate.text.strip(), candidate.stage, candidate.persona,
        candidate.evidence)
    assert made.description == "" and made.votes == 0
    assert candidate not in candidate_insights(after)
    with pytest.raises(JourneyLabError, match="already an insight"):
        add_candidate(after, candidate)


def test_a_cut_title_keeps_the_whole_card_in_the_description() -> None:
    workshop = load_workshop(ROOT / "workshops" / "mortgage-journey")
    cell = workshop.journey[0]
    long_text = "Customers wait " + "and wait " * 40 + "for the valuation."
    workshop = edit.set_cards(workshop, cell.stage, cell.persona, Lane.PAIN_POINTS,
                              [{"text": long_text, "evidence": "survey"}])
    candidate = next(c for c in candidate_insights(workshop) if c.text == long_text)
    made = add_candidate(workshop, candidate).insights[-1]
    assert made.description == long_text and made.title != long_text
    assert made.evidence is Evidence.SURVEY


def test_votes_never_go_below_zero() -> None:
    workshop = load_workshop(ROOT / "workshops" / "mortgage-journey")
    target = workshop.insights[0]
    up = vote(vote(workshop, target.id, 1), target.id, 1)
    assert up.insights[0].votes == target.votes + 2
    down = workshop
    for _n in range(target.votes + 3):
        down = vote(down, target.id, -1)
    assert down.insights[0].votes == 0
    assert [i.votes for i in down.insights[1:]] == [i.votes for i in workshop.insights[1:]]
    with pytest.raises(JourneyLabError):
        vote(workshop, "no-such-insight", 1)


def test_changing_the_kind_keeps_the_insight_in_place() -> None:
    workshop = load_workshop(ROOT / "workshops" / "mortgage-journey")
    target = workshop.insights[1]
    other = "opportunity" if target.kind is InsightKind.PAIN_POINT else "pain_point"
    changed = edit.update(workshop, "insight", target.id, kind=other)
    assert changed.insights[1].kind.value == other
    assert changed.insights[1].model_dump(exclude={"kind"}) == target.model_dump(
        exclude={"kind"})
    assert [i.id for i in changed.insights] == [i.id for i in workshop.insights]
    with pytest.raises(WorkshopInvalid) as refused:
        edit.update(workshop, "insight", target.id, kind="rumour")
    assert refused.value.problems[0].path == "insights[1].kind"
    with pytest.raises(JourneyLabError):
        edit.update(workshop, "insight", "no-such-insight", kind="opportunity")


def test_vote_label_puts_the_votes_first() -> None:
    assert vote_label(5, "Hidden delivery fee") == "▲5 Hidden delivery fee"
