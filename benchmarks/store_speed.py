"""Load and save times of a large workshop, next to plain ``json`` as the baseline.

The workshop: 12 stages, 200 touchpoints, 8 personas, 30 participants scoring every persona
at every stage (2,880 scores), 96 journey cells with 2 cards per lane. Prints the median of
repeated runs. Run: ``make bench`` or ``python benchmarks/store_speed.py``.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile, to_json

REPEATS = 21


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    workshop = large_workshop()
    with tempfile.TemporaryDirectory() as folder:
        opened = WorkshopFile.create(Path(folder), workshop)
        size = opened.path.stat().st_size
        raw = opened.path.read_bytes()
        variants = [workshop.model_copy(update={"title": f"Large workshop {i}"})
                    for i in range(2)]
        counter = iter(range(10**9))

        def save() -> None:
            opened.save(variants[next(counter) % 2])

        def baseline_save() -> None:
            data = json.dumps(workshop.model_dump(mode="json"), indent=2, ensure_ascii=False)
            (Path(folder) / "plain.json").write_text(data, encoding="utf-8")

        rows = [
            ("load (read, upgrade, validate)", median_ms(lambda: WorkshopFile.open(folder)),
             "json.loads only", median_ms(lambda: json.loads(raw))),
            ("save (validate, check, atomic write, fsync)", median_ms(save),
             "json.dumps + write, no checks", median_ms(baseline_save)),
            ("serialise only", median_ms(lambda: to_json(workshop)), "", None),
        ]
    print(f"large workshop: {len(workshop.stages)} stages, {len(workshop.touchpoints)} "
          f"touchpoints, {len(workshop.personas)} personas, {len(workshop.participants)} "
          f"participants, {len(workshop.emotions)} emotion scores; file {size / 1024:.0f} KiB")
    print(f"median of {REPEATS} runs")
    print(f"{'journeylab':<46}{'ms':>8}   {'baseline':<32}{'ms':>8}")
    for name, ms, base_name, base_ms in rows:
        base = f"{base_ms:8.1f}" if base_ms is not None else ""
        print(f"{name:<46}{ms:8.1f}   {base_name:<32}{base}")


if __name__ == "__main__":
    main()
