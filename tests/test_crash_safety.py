"""A writer killed with SIGKILL at random moments never leaves a broken workshop file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile, load_workshop

WRITER = """
import sys
from journeylab.store import WorkshopFile
opened, run = WorkshopFile.open(sys.argv[1]), sys.argv[2]
base = opened.workshop
print("ready", flush=True)
for number in range(1, 1_000_000):
    opened.save(base.model_copy(update={"title": f"Run {run}, save {number}"}))
"""

KILLS = 25


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_killed_writer_leaves_old_or_new_content(tmp_path: Path) -> None:
    rng = random.Random(2026)
    original = large_workshop(stages=8, touchpoints=120, personas=5, participants=20)
    WorkshopFile.create(tmp_path, original)
    killed_while_saving = 0
    for run in range(KILLS):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(run)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        loaded = load_workshop(tmp_path)  # raises if the file is torn or corrupt
        assert loaded.title == "Large workshop" or loaded.title.startswith("Run ")
        assert loaded.model_copy(update={"title": original.title}) == original
        killed_while_saving += loaded.title.startswith(f"Run {run}, ")
    # most kills landed while saves were happening, not before this writer's first save
    assert killed_while_saving > KILLS // 2
    survivor = WorkshopFile.open(tmp_path)
    survivor.save(original)
    # crash leftovers gone; the lock file stays, for the next writer
    assert sorted(p.name for p in tmp_path.iterdir()) == [".journey.json.lock", "journey.json"]
