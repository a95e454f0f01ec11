"""How fast the live room takes ballots: durable ballots per second and tap→ack latency.

A real room server process and 30, 100 and 300 scripted phones on websockets, each tapping
as fast as the room lets one phone tap (one ballot in flight, at most 10 a second), for a
few seconds. Printed beside the prototype's numbers from the design notes. Also: how long
after its acknowledgement a ballot can be read by the facilitator's side, polling the log
every 0.2 s as the kernel does. The phones run in this process: on a 2-core machine they
share the processors with the server, so the numbers are a floor. No assertions.
Run: ``python benchmarks/room_speed.py [seconds per size]``.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROTOTYPE = {"rss_mb": 35.0, "p95_ms": 200.0}
SIZES = (30, 100, 300)
POLL = 0.2


def start(workshop: Path) -> tuple[subprocess.Popen, dict, Path]:
    from journeylab.room.places import SERVER_FILE, room_folder
    from journeylab.room.serve import command

    folder = room_folder(workshop)
    server = subprocess.Popen([*command(workshop), "--max-devices", "1000"])
    while True:
        try:
            info = json.loads((folder / SERVER_FILE).read_text("utf-8"))
            if info["pid"] == server.pid:
                return server, info, folder
        except (OSError, ValueError):
            pass
        time.sleep(0.05)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def fsync_ms(folder: Path, count: int = 200) -> tuple[float, float]:
    """p50 and p95 of one small append + fsync on this disk, for reading the numbers above."""
    path = folder / "fsync-probe"
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    try:
        for _ in range(count):
            os.write(handle, b"x" * 120 + b"\n")
            started = time.perf_counter()
            os.fsync(handle)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(handle)
        path.unlink()
    return percentile(times, 0.5), percentile(times, 0.95)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def run_size(url: str, round_id: str, items: list[str], phones: int, seconds: float,
                   log: Path) -> dict:
    from journeylab.room.ballots import read_ballots
    from journeylab.room.phone import Phone

    joined = [Phone(url) for _ in range(phones)]
    for start_at in range(0, phones, 50):  # join in waves, as a room does after the code
        await asyncio.gather(*(p.join() for p in joined[start_at:start_at + 50]))
    latencies: list[float] = []
    acked_at: dict[int, float] = {}
    refused = 0
    _ballots, offset = read_ballots(log)
    seen_at: dict[int, float] = {}
    stop_at = time.perf_counter() + seconds

    async def tap(number: int, phone: Phone) -> None:
        nonlocal refused
        rng = random.Random(number)
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            answer = await phone.ballot(round_id, rng.choice(items), rng.randint(-3, 3))
            done = time.perf_counter()
            if answer["type"] == "ack":
                latencies.append(done - started)
                acked_at[answer["seq"]] = done
            else:
                refused += 1
            await asyncio.sleep(max(0.0, 0.1 - (done - started)))

    async def facilitator() -> None:  # reads new log lines every 0.2 s, as the kernel does
        nonlocal offset
        while time.perf_counter() < stop_at + 1:
            ballots, offset = await asyncio.to_thread(read_ballots, log, offset)
            now = time.perf_counter()
            for ballot in ballots:
                seen_at.setdefault(ballot["seq"], now)
            await asyncio.sleep(POLL)

    began = time.perf_counter()
    reader = asyncio.create_task(facilitator())
    await asyncio.gather(*(tap(n, p) for n, p in enumerate(joined)))
    took = time.perf_counter() - began
    await reader
    await asyncio.gather(*(p.leave() for p in joined))
    visible = [max(0.0, seen_at[seq] - at) for seq, at in acked_at.items() if seq in seen_at]
    return {"rate": len(latencies) / took, "p50": percentile(latencies, 0.5) * 1000,
            "p95": percentile(latencies, 0.95) * 1000, "refused": refused,
            "visible_p50": percentile(visible, 0.5) * 1000,
            "visible_p95": percentile(visible, 0.95) * 1000,
            "visible_max": max(visible, default=float("nan")) * 1000}


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
    with tempfile.TemporaryDirectory() as temporary:
        os.environ["JOURNEYLAB_CONFIG_DIR"] = str(Path(temporary) / "config")
        from journeylab.room.places import BALLOT_FILE
        from journeylab.room.rounds import Round, RoundItem, new_round_id, write_round

        workshop = Path(temporary) / "workshop"
        workshop.mkdir()
        server, info, folder = start(workshop)
        items = [f"stage-{n}" for n in range(12)]
        opened = Round(id=new_round_id(), kind="emotions", question="How does Ana feel?",
                       language="en", opened_at=time.time(),
                       items=[RoundItem(id=i, label=i) for i in items])
        write_round(folder, opened)
        time.sleep(0.6)
        try:
            rows = []
            for size in SIZES:
                found = asyncio.run(run_size(info["urls"][0], opened.id, items, size, seconds,
                                             folder / BALLOT_FILE))
                rows.append((size, found))
            rss = peak_rss_mb(server.pid)
            disk = fsync_ms(folder)
        finally:
            server.terminate()
            server.wait(timeout=15)
    print(f"Live room, {seconds:.0f} s per size, each phone ≤ 10 ballots/s with one in flight")
    print(f"{'phones':>7} {'ballots/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'refused':>8} "
          f"{'ack→readable p50/p95/max ms (poll 0.2 s)':>42}")
    for size, found in rows:
        print(f"{size:>7} {found['rate']:>10.0f} {found['p50']:>8.1f} {found['p95']:>8.1f} "
              f"{found['refused']:>8} {found['visible_p50']:>16.0f} / {found['visible_p95']:.0f}"
              f" / {found['visible_max']:.0f}")
    print(f"server peak RSS (VmHWM): {rss:.0f} MB   prototype: {PROTOTYPE['rss_mb']:.0f} MB")
    print(f"tap→ack p95 with 30 phones: {rows[0][1]['p95']:.0f} ms   prototype (fsync per "
          f"ballot): ~{PROTOTYPE['p95_ms']:.0f} ms")
    print(f"one fsync on this disk now: p50 {disk[0]:.2f} ms, p95 {disk[1]:.2f} ms "
          "(the room shares one fsync among the ballots that arrive while it runs)")
    print("ack→readable: a ballot is in the log before its fsync and its ack, so the kernel "
          "sees it at its next poll (≤ 0.2 s).")
    print(f"median of all p50: {statistics.median(r[1]['p50'] for r in rows):.1f} ms")


if __name__ == "__main__":
    main()
