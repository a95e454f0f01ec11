"""A room server nobody uses any more stops by itself; one in use never does."""

from __future__ import annotations

import time

from journeylab.room.places import SERVER_FILE

from .conftest import start_room

IDLE = "0.02"  # minutes: 1.2 s


def test_an_idle_room_server_stops_by_itself_and_says_goodbye_cleanly(tmp_path) -> None:
    room = start_room(tmp_path / "workshop", "--idle-minutes", IDLE)
    try:
        assert room.process.wait(timeout=30) == 0
        assert not (room.folder / SERVER_FILE).exists()
    finally:
        room.stop()


def test_a_room_with_an_open_round_keeps_running(tmp_path) -> None:
    room = start_room(tmp_path / "workshop", "--idle-minutes", IDLE)
    try:
        room.open_round()
        time.sleep(3)  # more than twice the idle time
        assert room.process.poll() is None
    finally:
        assert room.stop() == 0
