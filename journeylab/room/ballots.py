"""The ballot log: every answer from a phone, one JSON line each, never rewritten.

The room server is its only writer. A line is written with one ``os.write`` and made
durable with ``fsync`` before the phone hears "saved"; a crash can leave at most a torn last
line, which readers skip and the next server cuts away. A ballot is a state, not an event:
the latest line per (round, device, item) counts, so a phone that resends (same ballot id)
or changes its mind never counts twice.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Self

_KEYS = ("seq", "id", "round", "device", "name", "item", "value", "at")


def _parse(line: bytes) -> dict | None:
    try:
        ballot = json.loads(line)
    except ValueError:
        return None
    if not isinstance(ballot, dict) or not all(key in ballot for key in _KEYS):
        return None
    return ballot


def read_ballots(path: Path, offset: int = 0) -> tuple[list[dict], int]:
    """The complete ballot lines of ``path`` from byte ``offset``, and the offset after them.

    A line still being written (no newline yet) is left for the next call; a missing log
    reads as empty.
    """
    try:
        with open(path, "rb") as log:
            log.seek(offset)
            data = log.read()
    except FileNotFoundError:
        return [], offset
    end = data.rfind(b"\n") + 1
    ballots = [ballot for line in data[:end].splitlines() if (ballot := _parse(line))]
    return ballots, offset + end


def answers_from(ballots: Iterable[dict], round_id: str) -> dict[str, dict[str, int]]:
    """``device -> {item: value}`` of ``round_id``: the latest ballot counts, cleared dropped."""
    latest: dict[str, dict[str, int | None]] = {}
    for ballot in ballots:
        if ballot["round"] == round_id:
            latest.setdefault(ballot["device"], {})[ballot["item"]] = ballot["value"]
    return _without_cleared(latest)


def names_from(ballots: Iterable[dict], round_id: str) -> dict[str, str]:
    """``device -> participant id`` of a named round (the latest name a device gave)."""
    return {ballot["device"]: ballot["name"] for ballot in ballots
            if ballot["round"] == round_id and ballot["name"] is not None}


def _without_cleared(latest: dict[str, dict[str, int | None]]) -> dict[str, dict[str, int]]:
    answers = {device: {item: value for item, value in items.items() if value is not None}
               for device, items in latest.items()}
    return {device: items for device, items in answers.items() if items}


class BallotLog:
    """The server's writer of ``ballots.jsonl``, with the state the log adds up to.

    Opening it cuts a torn last line away and rebuilds the sequence counter, the ballot ids
    already seen and the latest answers, so a restarted server carries on where it stopped.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC,
                           0o600)
        self.seq = 0
        self._seen: dict[tuple[str, str, str], int] = {}
        self._latest: dict[str, dict[str, dict[str, int | None]]] = {}
        self._names: dict[str, dict[str, str]] = {}
        self._recover()

    def _recover(self) -> None:
        size = os.fstat(self._fd).st_size
        ballots, end = read_ballots(self.path)
        if end < size:  # a line torn by a crash: no phone was told it was saved
            os.ftruncate(self._fd, end)
            os.fsync(self._fd)
        for ballot in ballots:
            self._remember(ballot)

    def _remember(self, ballot: dict) -> None:
        self.seq = max(self.seq, ballot["seq"])
        round_id, device = ballot["round"], ballot["device"]
        self._seen.setdefault((round_id, device, ballot["id"]), ballot["seq"])
        self._latest.setdefault(round_id, {}).setdefault(device, {})[ballot["item"]] = \
            ballot["value"]
        if ballot["name"] is not None:
            self._names.setdefault(round_id, {})[device] = ballot["name"]

    def seen(self, round_id: str, device: str, ballot_id: str) -> int | None:
        """The seq of a ballot already written with this id, if any."""
        return self._seen.get((round_id, device, ballot_id))

    def write(self, round_id: str, device: str, name: str | None, item: str,
              value: int | None, ballot_id: str) -> tuple[int, bool]:
        """Write a ballot line (not yet durable: call :meth:`sync`); ``(seq, written_now)``.

        A ballot id already in the log is not written again: its first seq is returned.
        """
        first = self.seen(round_id, device, ballot_id)
        if first is not None:
            return first, False
        ballot = {"seq": self.seq + 1, "id": ballot_id, "round": round_id, "device": device,
                  "name": name, "item": item, "value": value, "at": int(time.time())}
        line = (json.dumps(ballot, ensure_ascii=False, separators=(",", ":")) + "\n")
        data = line.encode("utf-8")
        written = os.write(self._fd, data)
        if written != len(data):  # a full disk: cut the part away, so no torn line stays
            os.ftruncate(self._fd, os.fstat(self._fd).st_size - written)
            raise OSError(28, "the ballot log could not be written whole")
        self._remember(ballot)
        return ballot["seq"], True

    def sync(self) -> None:
        """Make every line written so far durable."""
        os.fsync(self._fd)

    def append(self, round_id: str, device: str, name: str | None, item: str,
               value: int | None, ballot_id: str) -> tuple[int, bool]:
        """Write a ballot and make it durable; ``(seq, written_now)``."""
        seq, written = self.write(round_id, device, name, item, value, ballot_id)
        self.sync()
        return seq, written

    def answers(self, round_id: str) -> dict[str, dict[str, int]]:
        """``device -> {item: value}`` of ``round_id``, as :func:`answers_from` counts them."""
        return _without_cleared(self._latest.get(round_id, {}))

    def device_answers(self, round_id: str, device: str) -> dict[str, int]:
        """One device's current answers in ``round_id`` (cleared ones left out)."""
        items = self._latest.get(round_id, {}).get(device, {})
        return {item: value for item, value in items.items() if value is not None}

    def names(self, round_id: str) -> dict[str, str]:
        """``device -> participant id`` of ``round_id``."""
        return dict(self._names.get(round_id, {}))

    def close(self) -> None:
        """Close the log's file."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
