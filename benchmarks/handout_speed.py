"""Time to a handout, three ways, side by side on the demo workshops.

(a) the in-process export behind the notebook button, after a change to one score (so the
    charts that show scores are drawn again, the others come from the cache);
(b) the cold command ``journeylab handout WORKSHOP -o FILE`` in a new process: first with
    an empty chart folder (every chart drawn), then again with the images the first run
    kept on disk (as when a handout is made again after a change elsewhere);
(c) the baseline a user would otherwise reach for: ``jupyter nbconvert --execute --no-input
    --to html`` on a notebook that loads the workshop and draws the same charts and tables.
Goals: (a) at least 12× faster than (c) and under 0.5 s; (b) at least 3× faster than (c).

Run: ``make bench`` or ``python benchmarks/handout_speed.py [repeats]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from journeylab.edit import set_score
from journeylab.forms.parts import spare_the_collector
from journeylab.handout.export import export_handout
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent

BASELINE_CELLS = [
    "from journeylab.store import load_workshop\n"
    "from journeylab.analysis import emotion_by_stage, disagreements\n"
    "from journeylab.charts.journey import journey_map\n"
    "from journeylab.charts.emotions import emotion_curve\n"
    "from journeylab.charts.touchpoints import stage_channel_chart, stage_channel_counts\n"
    "from journeylab.charts.personas import persona_channel_chart, persona_channels\n"
    "from journeylab.charts.priorities import priority_matrix, kpi_targets\n"
    "from journeylab.summary import summarise\n"
    "from IPython.display import display\n"
    "workshop = load_workshop({path!r})",
    "summarise(workshop)",
    "display(journey_map(workshop))",
    "table = emotion_by_stage(workshop)\n"
    "display(emotion_curve(table, [(s.id, s.name) for s in workshop.stages],\n"
    "                      [(p.id, p.name) for p in workshop.personas]))\n"
    "table",
    "display(stage_channel_chart(stage_channel_counts(workshop)))",
    "display(persona_channel_chart(persona_channels(workshop)))",
    "display(priority_matrix(workshop.insights))",
    "display(kpi_targets(workshop.actions))",
    "import pandas as pd\n"
    "pd.DataFrame([a.model_dump() for a in workshop.actions])",
]


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def command_seconds(command: list[str], repeats: int, folders: list[Path] | None = None) -> float:
    """Median time of ``command`` in a new process; run ``n`` keeps charts in ``folders[n]``."""
    times = []
    for run in range(repeats):
        env = {**os.environ, "JOURNEYLAB_CACHE": str(folders[run])} if folders else None
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline_notebook(path: Path) -> nbformat.NotebookNode:
    cells = [new_code_cell(source.format(path=str(path)) if "{path" in source else source)
             for source in BASELINE_CELLS]
    return new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})


def main(repeats: int = 3) -> None:
    demos = sorted(p.parent for p in (ROOT / "workshops").glob("*/journey.json"))
    print(f"median of {repeats} runs, seconds")
    print(f"{'':<22}{'':>11}{'(b) command':>18}")
    print(f"{'workshop':<22}{'(a) button':>11}{'first':>10}{'again':>8}{'(c) nbconvert':>15}"
          f"{'c/a':>8}{'c/first':>9}{'c/again':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        os.environ["JOURNEYLAB_CACHE"] = str(out / "charts")  # not the user's chart folder
        for demo in demos:
            workshop = load_workshop(demo)
            export_handout(workshop, out / "warm.html")  # the kernel has drawn it once
            spare_the_collector()  # as the button's form does when it is shown
            score = workshop.emotions[0]
            changed = [set_score(workshop, score.participant, score.persona, score.stage,
                                 (score.score + 1 + n) % 7 - 3) for n in range(repeats)]
            button = statistics.median(
                seconds(lambda w=w: export_handout(w, out / "a.html")) for w in changed)
            command = [str(BIN / "journeylab"), "handout", str(demo), "-o", str(out / "b.html")]
            first = command_seconds(command, repeats, [out / f"first-{demo.name}-{n}"
                                                       for n in range(repeats)])
            again = command_seconds(command, repeats)
            notebook = out / "baseline.ipynb"
            nbformat.write(baseline_notebook(demo), notebook)
            nbconvert = command_seconds(
                [str(BIN / "jupyter"), "nbconvert", "--execute", "--no-input", "--to", "html",
                 str(notebook), "--output", str(out / "c.html")], repeats)
            print(f"{demo.name:<22}{button:11.2f}{first:10.2f}{again:8.2f}{nbconvert:15.2f}"
                  f"{nbconvert / button:7.1f}×{nbconvert / first:8.1f}×"
                  f"{nbconvert / again:8.1f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
