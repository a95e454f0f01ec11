"""What a round adds up to, and what it writes into the workshop: a real demo workshop, saved
through the real store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journeylab.model import is_anonymous
from journeylab.room.outcome import (
    Written,
    anonymous_id,
    answering,
    emotion_change,
    results_shown,
    summarise,
    vote_change,
)
from journeylab.room.rounds import Round, RoundItem
from journeylab.store import WorkshopFile

from ..forms.conftest import demo_copy


@pytest.fixture
def workshop_file(tmp_path: Path) -> WorkshopFile:
    return WorkshopFile.open(demo_copy(tmp_path, "mortgage-journey"))


def a_round(file: WorkshopFile, kind: str, anonymous: bool) -> Round:
    workshop = file.workshop
    items = ([RoundItem(id=s.id, label=s.name) for s in workshop.stages] if kind == "emotions"
             else [RoundItem(id=i.id, label=i.title) for i in workshop.insights])
    return Round(id="r0und-1d", kind=kind, question="?", language=workshop.language,
                 items=items, anonymous=anonymous, opened_at=time.time(),
                 persona=workshop.personas[0].id if kind == "emotions" else "",
                 participants=[RoundItem(id=p.id, label=p.name)
                               for p in workshop.participants])


def scores_of(file: WorkshopFile, persona: str, anonymous: bool) -> dict[tuple[str, str], int]:
    return {(s.participant, s.stage): s.score for s in file.workshop.emotions
            if s.persona == persona and is_anonymous(s.participant) == anonymous}


def test_anonymous_scores_are_saved_under_ids_that_name_no_one_and_a_second_close_replaces(
        workshop_file) -> None:
    round_ = a_round(workshop_file, "emotions", anonymous=True)
    first, second = (s.id for s in workshop_file.workshop.stages[:2])
    answers = {"phone-a": {first: -2, second: 1}, "phone-b": {first: 3}}
    named_before = scores_of(workshop_file, round_.persona, anonymous=False)

    change, written = emotion_change(round_, answers, {}, Written())
    workshop_file.save(change(workshop_file.workshop))
    saved = scores_of(workshop_file, round_.persona, anonymous=True)
    assert saved == {(anonymous_id(round_, "phone-a"), first): -2,
                     (anonymous_id(round_, "phone-a"), second): 1,
                     (anonymous_id(round_, "phone-b"), first): 3}
    names = {p.id for p in workshop_file.workshop.participants}
    assert not names & {who for who, _stage in saved}  # no participant was made up
    assert "phone-a" not in str(saved)  # the device key itself is not kept

    # reopened: phone-a changed its mind and cleared a stage; phone-b left as it was
    answers = {"phone-a": {first: 0}, "phone-b": {first: 3}}
    change, _written = emotion_change(round_, answers, {}, written)
    workshop_file.save(change(workshop_file.workshop))
    assert scores_of(workshop_file, round_.persona, anonymous=True) == {
        (anonymous_id(round_, "phone-a"), first): 0,
        (anonymous_id(round_, "phone-b"), first): 3}
    assert scores_of(workshop_file, round_.persona, anonymous=False) == named_before


def test_a_named_round_scores_for_the_participant_each_phone_chose(workshop_file) -> None:
    round_ = a_round(workshop_file, "emotions", anonymous=False)
    maria, other = (p.id for p in workshop_file.workshop.participants[:2])
    stage = workshop_file.workshop.stages[-1].id
    answers = {"phone-a": {stage: -3}, "phone-b": {stage: 2}, "phone-c": {stage: 1}}
    change, written = emotion_change(round_, answers, {"phone-a": maria, "phone-b": other},
                                     Written())
    workshop_file.save(change(workshop_file.workshop))
    saved = scores_of(workshop_file, round_.persona, anonymous=False)
    assert (saved[maria, stage], saved[other, stage]) == (-3, 2)
    assert written.scores == sorted([(maria, stage), (other, stage)])  # phone-c named no one
    assert not scores_of(workshop_file, round_.persona, anonymous=True)


def test_dots_are_added_once_however_often_the_round_closes(workshop_file) -> None:
    round_ = a_round(workshop_file, "votes", anonymous=True)
    insights = workshop_file.workshop.insights
    first, second = insights[0].id, insights[1].id
    before = {i.id: i.votes for i in insights}
    answers = {"a": {first: 2, second: 1}, "b": {first: 3}}

    change, written = vote_change(round_, answers, Written())
    workshop_file.save(change(workshop_file.workshop))
    change, written = vote_change(round_, {**answers, "c": {second: 1}}, written)
    workshop_file.save(change(workshop_file.workshop))

    after = {i.id: i.votes for i in workshop_file.workshop.insights}
    assert after[first] == before[first] + 5
    assert after[second] == before[second] + 2
    assert {k: v for k, v in after.items() if k not in (first, second)} == {
        k: v for k, v in before.items() if k not in (first, second)}


def test_aggregates_of_an_anonymous_round_wait_for_three_people(workshop_file) -> None:
    anonymous = a_round(workshop_file, "emotions", anonymous=True)
    named = a_round(workshop_file, "emotions", anonymous=False)
    stage = anonymous.items[0].id
    two = {"a": {stage: 1}, "b": {stage: -1}}
    assert answering(two) == 2
    assert not results_shown(anonymous, two)
    assert results_shown(named, two)
    assert results_shown(anonymous, {**two, "c": {stage: 3}})
    summary = summarise(anonymous, {**two, "c": {stage: 3}})[0]
    assert (summary.item, summary.count, summary.mean, summary.spread) == (stage, 3, 1, 4)
