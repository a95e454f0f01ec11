"""Four editors saving into one workshop at once, each in a process of its own: nothing is
lost, and nothing that could be applied is refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from journeylab.store import load_workshop

ROOT = Path(__file__).parents[1]
EDITORS, CHANGES = 4, 50

#: One editor: adds a touchpoint of its own, then describes it, as fast as it can.
EDITOR = """
import sys, time
from pathlib import Path
from journeylab import edit
from journeylab.forms.session import Session

folder, who, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
session = Session.open(folder)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
refused = []
for n in range({changes}):
    point = f"editor-{{who}}-point-{{n // 2}}"
    if n % 2 == 0:
        change = lambda w, n=n: edit.add(w, "touchpoint", {{
            "name": f"Editor {{who}} point {{n // 2}}", "channel": "store"}})
    else:
        change = lambda w, n=n, point=point: edit.update(
            w, "touchpoint", point, description=f"Described by {{who}}, change {{n}}")
    # and every editor also writes the same field of the same persona: the last save wins
    problems = session.apply(change)
    problems += session.apply(lambda w, n=n: edit.update(
        w, "persona", "ellie", story=f"Story by {{who}}, change {{n}}"))
    refused += [str(p) for p in problems]
print(len(refused), "; ".join(refused), flush=True)
"""


def test_four_editors_at_once_lose_nothing_and_refuse_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "mortgage-journey"
    shutil.copytree(ROOT / "workshops" / "mortgage-journey", folder)
    go = tmp_path / "go"
    script = EDITOR.format(changes=CHANGES)
    editors = [subprocess.Popen([sys.executable, "-c", script, str(folder), str(who), str(go)],
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
               for who in range(EDITORS)]
    try:
        for editor in editors:
            assert editor.stdout.readline().strip() == "ready"
        go.touch()  # all start together
        started = time.monotonic()
        answers = [editor.communicate(timeout=300)[0] for editor in editors]
    finally:
        for editor in editors:
            if editor.poll() is None:
                editor.kill()
                editor.wait()
    took = time.monotonic() - started
    assert all(editor.returncode == 0 for editor in editors)
    assert [answer.split(" ", 1)[0] for answer in answers] == ["0"] * EDITORS, answers
    saved = load_workshop(folder)
    points = {t.id: t for t in saved.touchpoints}
    for who in range(EDITORS):
        for n in range(1, CHANGES, 2):
            point = points[f"editor-{who}-point-{n // 2}"]  # every add is there
            assert point.description == f"Described by {who}, change {n}"  # and every edit
    assert saved.personas[0].story in {f"Story by {who}, change {CHANGES - 1}"
                                       for who in range(EDITORS)}
    print(f"{EDITORS * CHANGES * 2} saves by {EDITORS} processes in {took:.1f} s")
