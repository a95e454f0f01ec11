"""The ballot log: one line per ballot, a torn tail cut away, the latest answer counting."""

from __future__ import annotations

import json
import os

import pytest

from journeylab.room.ballots import BallotLog, answers_from, names_from, read_ballots
from journeylab.room.rounds import (
    Round,
    RoundItem,
    new_round_id,
    read_round,
    write_round,
)
from journeylab.room.view import check_ballot, results


@pytest.fixture
def log_path(tmp_path):
    return tmp_path / "ballots.jsonl"


def test_a_ballot_is_one_line_with_its_keys_in_order(log_path) -> None:
    with BallotLog(log_path) as log:
        assert log.append("r1", "dev1", None, "stage-a", 2, "b1") == (1, True)
    line = log_path.read_text("utf-8")
    assert line.endswith("\n") and line.count("\n") == 1
    ballot = json.loads(line)
    assert list(ballot) == ["seq", "id", "round", "device", "name", "item", "value", "at"]
    assert ballot["at"] == int(ballot["at"]) and oct(os.stat(log_path).st_mode)[-3:] == "600"


def test_the_same_id_twice_is_written_once_and_acknowledged_with_its_first_seq(log_path) -> None:
    with BallotLog(log_path) as log:
        log.append("r1", "dev1", None, "a", 1, "same")
        log.append("r1", "dev2", None, "a", 1, "other")
        assert log.append("r1", "dev1", None, "a", -3, "same") == (1, False)
        # the same id from another device or round is another ballot
        assert log.append("r1", "dev2", None, "a", 1, "same")[1] is True
        assert log.append("r2", "dev1", None, "a", 1, "same")[1] is True
    assert len(read_ballots(log_path)[0]) == 4


def test_the_latest_ballot_counts_and_a_cleared_answer_is_dropped(log_path) -> None:
    with BallotLog(log_path) as log:
        log.append("r1", "dev1", None, "a", 1, "b1")
        log.append("r1", "dev1", None, "a", 3, "b2")
        log.append("r1", "dev1", None, "b", -2, "b3")
        log.append("r1", "dev1", None, "b", None, "b4")
        log.append("r1", "dev2", None, "a", 0, "b5")
        log.append("r1", "dev3", None, "a", None, "b6")
        log.append("r0", "dev1", None, "a", -3, "b7")
        expected = {"dev1": {"a": 3}, "dev2": {"a": 0}}
        assert log.answers("r1") == expected
    assert answers_from(read_ballots(log_path)[0], "r1") == expected


def test_a_torn_last_line_is_ignored_by_readers_and_cut_away_by_the_writer(log_path) -> None:
    with BallotLog(log_path) as log:
        log.append("r1", "dev1", None, "a", 1, "b1")
        log.append("r1", "dev1", None, "b", 2, "b2")
    whole = log_path.stat().st_size
    with open(log_path, "ab") as out:
        out.write(b'{"seq": 3, "id": "b3", "round": "r1", "dev')
    ballots, offset = read_ballots(log_path)
    assert [b["seq"] for b in ballots] == [1, 2] and offset == whole
    with BallotLog(log_path) as log:
        assert log_path.stat().st_size == whole
        assert log.seq == 2
        assert log.append("r1", "dev1", None, "c", 3, "b3") == (3, True)
    assert [b["seq"] for b in read_ballots(log_path)[0]] == [1, 2, 3]


def test_a_restarted_writer_recovers_its_seq_and_the_ids_it_has_seen(log_path) -> None:
    with BallotLog(log_path) as log:
        for number in range(5):
            log.append("r1", f"dev{number}", None, "a", number % 3, f"b{number}")
    with BallotLog(log_path) as log:
        assert log.seq == 5
        assert log.append("r1", "dev2", None, "a", 0, "b2") == (3, False)
        assert log.append("r1", "dev2", None, "a", 0, "new") == (6, True)
        assert log.answers("r1")["dev2"] == {"a": 0}


def test_reading_from_an_offset_gives_only_the_new_lines(log_path) -> None:
    assert read_ballots(log_path) == ([], 0)  # no log yet
    with BallotLog(log_path) as log:
        log.append("r1", "dev1", None, "a", 1, "b1")
        first, offset = read_ballots(log_path)
        log.append("r1", "dev1", None, "a", 2, "b2")
        more, end = read_ballots(log_path, offset)
    assert [b["id"] for b in first] == ["b1"] and [b["id"] for b in more] == ["b2"]
    assert read_ballots(log_path, end) == ([], end)


def test_names_of_a_named_round(log_path) -> None:
    with BallotLog(log_path) as log:
        log.append("r1", "dev1", "ana", "a", 1, "b1")
        log.append("r1", "dev2", "ivan", "a", 1, "b2")
        log.append("r2", "dev1", "petar", "a", 1, "b3")
        assert log.names("r1") == {"dev1": "ana", "dev2": "ivan"}
    assert names_from(read_ballots(log_path)[0], "r1") == {"dev1": "ana", "dev2": "ivan"}


def _round(**changes) -> Round:
    values = {"id": new_round_id(), "kind": "votes", "question": "Which matter most?",
              "language": "bg", "items": [RoundItem(id="i1", label="One"),
                                          RoundItem(id="i2", label="Two")],
              "dots": 3, "opened_at": 1.0, **changes}
    return Round(**values)


def test_a_round_is_written_whole_and_read_back(tmp_path) -> None:
    assert read_round(tmp_path) is None
    written = _round(reveal=True, ends_at=123.5)
    write_round(tmp_path, written)
    assert read_round(tmp_path) == written
    assert list(tmp_path.iterdir()) == [tmp_path / "round.json"]  # no temporary left
    (tmp_path / "round.json").write_text("{not json", encoding="utf-8")
    assert read_round(tmp_path) is None


def test_a_round_in_a_language_journeylab_does_not_speak_is_refused() -> None:
    with pytest.raises(ValueError):
        _round(language="xx")
    assert len({new_round_id() for _ in range(50)}) == 50


def test_dots_over_the_limit_are_refused() -> None:
    votes = _round(dots=3)
    ballot = {"id": "b1", "round": votes.id, "item": "i2", "value": 2}
    assert check_ballot(votes, ballot, {"i1": 1}, None) is None
    assert check_ballot(votes, ballot, {"i1": 2}, None) == "dots"
    assert check_ballot(votes, {**ballot, "value": 3}, {"i2": 2}, None) is None  # replaces
    assert check_ballot(votes, {**ballot, "value": 4}, {}, None) == "value"
    assert check_ballot(votes, {**ballot, "value": True}, {}, None) == "value"
    assert check_ballot(votes, {**ballot, "item": "nope"}, {}, None) == "item"
    assert check_ballot(votes, {**ballot, "round": "old"}, {}, None) == "other_round"
    assert check_ballot(votes, {**ballot, "id": "x" * 65}, {}, None) == "bad"
    assert check_ballot(votes, {k: v for k, v in ballot.items() if k != "value"}, {},
                        None) == "bad"
    assert check_ballot(votes.model_copy(update={"state": "closed"}), ballot, {}, None) == \
        "closed"
    assert check_ballot(votes.model_copy(update={"ends_at": 10.0}), ballot, {}, None) == \
        "closed"


def test_emotions_take_minus_three_to_three_or_a_cleared_answer() -> None:
    emotions = _round(kind="emotions")
    ballot = {"id": "b1", "round": emotions.id, "item": "i1"}
    assert [check_ballot(emotions, {**ballot, "value": v}, {}, None) for v in
            (-3, 0, 3, None, 4, -4, 1.5)] == [None, None, None, None, "value", "value", "value"]


def test_a_named_round_needs_a_name_from_its_list() -> None:
    named = _round(anonymous=False, participants=[RoundItem(id="ana", label="Ana")])
    ballot = {"id": "b1", "round": named.id, "item": "i1", "value": 1}
    assert check_ballot(named, ballot, {}, None) == "name"
    assert check_ballot(named, ballot, {}, "ivan") == "name"
    assert check_ballot(named, ballot, {}, "ana") is None


def test_results_are_shown_only_when_revealed_and_from_three_phones_up() -> None:
    emotions = _round(kind="emotions")
    two = {"d1": {"i1": -3}, "d2": {"i1": 2}}
    assert results(emotions, two) is None
    revealed = emotions.model_copy(update={"reveal": True})
    assert results(revealed, two)["items"] is None
    three = {**two, "d3": {"i1": 0, "i2": 1}}
    shown = results(revealed, three)
    assert shown["items"] == {"i1": {"mean": -0.3, "count": 3}, "i2": {"mean": 1.0, "count": 1}}
    named = revealed.model_copy(update={"anonymous": False})
    assert results(named, two)["items"]["i1"] == {"mean": -0.5, "count": 2}
    votes = _round(reveal=True)
    assert results(votes, {"d1": {"i1": 2}, "d2": {"i1": 1, "i2": 2}, "d3": {"i2": 3}})[
        "items"] == {"i1": 3, "i2": 5}
