"""How long a facilitator waits after each form change, on the large benchmark workshop.

One change = the widget event → the change applied → saved to disk → table and chart
refreshed, all in the event handler, as in a kernel. Each form is driven in-process through
its widgets, the way the room uses it. Printed next to the naive way of refreshing: building
the whole form again after every change (re-running the notebook cell: open the workshop,
build every widget, draw every chart). The goal is p95 ≤ 100 ms.

Run: ``make bench`` or ``python benchmarks/form_speed.py [changes per form]``.

``python benchmarks/form_speed.py --scales 1 4 16`` measures the save at 1×, 4× and 16× the
large workshop (touchpoints and participants, so scores too, multiplied), each form's change
saved the way it was before (the whole file dumped and validated again) and part by part
(:mod:`journeylab.incremental`), with p50/p95 and each process's peak memory.

Measured on 2 busy cores (30 changes per form; p95 ms, whole file → part by part):

=================  ===========  ============  =============
change             1× (0.7 MB)  4× (2.3 MB)   16× (8.7 MB)
=================  ===========  ============  =============
save alone         121 → 7      389 → 27      2228 → 200
touchpoint rename  65 → 15      231 → 55      1275 → 477
persona story      53 → 10      212 → 21      1169 → 96
add card           97 → 56      227 → 60      1034 → 143
one save, MiB      6 → 2        20 → 7        75 → 27
=================  ===========  ============  =============

The emotion click and the dot vote spend most of their time redrawing their forms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from journeylab import edit
from journeylab.forms.emotions import emotion_scoring
from journeylab.forms.insights import insights_actions
from journeylab.forms.mapping import stage_mapping
from journeylab.forms.personas import personas
from journeylab.forms.session import Session
from journeylab.forms.touchpoints import touchpoints
from journeylab.model import Lane
from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(change: Callable[[int], None], count: int) -> list[float]:
    times = []
    for number in range(count):
        start = time.perf_counter()
        change(number)
        times.append((time.perf_counter() - start) * 1000)
    return times


def scenarios(folder: str) -> dict[str, tuple[Callable[[], object], Callable[[int], None]]]:
    """Each form with one change a facilitator repeats, as (build the form, make a change).

    Every build opens the workshop afresh, as a notebook's kernel does: a form shares its
    session with nothing else.
    """
    built: dict[str, object] = {}

    def form(name: str, build: Callable[[Session], object]) -> Callable[[], object]:
        def make() -> object:
            built[name] = build(Session.open(folder))
            return built[name]
        return make

    def rename_touchpoint(n: int) -> None:
        editor = built["touchpoints"].editor
        editor.choice.value = f"touchpoint-{n % 50 + 1}"
        next(r for r in editor.rows if r.spec.name == "name").input.value = f"Touchpoint {n}"

    def score(n: int) -> None:
        scoring = built["emotions"]
        row = list(scoring.rows.values())[n % len(scoring.rows)]
        row.buttons[(n % 7) - 3].click()

    def add_card(n: int) -> None:
        lane = built["mapping"].lanes[Lane.PAIN_POINTS]
        lane.new_text.value = f"Waiting for the call back, take {n}"

    def vote(n: int) -> None:
        page = built["insights"]
        page.dots.row(f"insight-{n % 40 + 1}").plus.click()

    def persona_story(n: int) -> None:
        editor = built["personas"].editor
        editor.choice.value = f"persona-{n % 8 + 1}"
        next(r for r in editor.rows if r.spec.name == "story").input.value = f"Story {n}"

    return {
        "touchpoints: rename": (form("touchpoints", touchpoints), rename_touchpoint),
        "personas: edit story": (form("personas", personas), persona_story),
        "stage mapping: add card": (form("mapping", stage_mapping), add_card),
        "emotion scoring: click": (form("emotions", emotion_scoring), score),
        "insights: vote": (form("insights", insights_actions), vote),
    }


def _run_one(scale: int, whole_file: bool, count: int) -> dict:
    """Each form's change times at ``scale`` (in this process), and the process's peak memory.

    ``whole_file``: save the way JourneyLab did before saves were made part by part: the
    whole workshop dumped and validated again at every change.
    """
    import resource
    import tracemalloc

    from journeylab import incremental

    if whole_file:
        incremental.SavedParts.to_bytes = lambda self, workshop: incremental.full_bytes(
            workshop)
    times = {}
    with tempfile.TemporaryDirectory() as folder:
        created = WorkshopFile.create(Path(folder), large_workshop(
            touchpoints=200 * scale, participants=30 * scale))
        size = created.path.stat().st_size
        del created
        saving = WorkshopFile.open(folder)
        saving.apply(lambda w: w)  # the first save makes the bytes of every part once

        def save_alone(n: int) -> None:
            saving.apply(lambda w: edit.update(w, "touchpoint", f"touchpoint-{n % 50 + 1}",
                                               name=f"Saved alone {n}"))

        times["save alone (no form)"] = timed(save_alone, count)
        tracemalloc.start()  # what one save takes on top of the workshop already in memory
        save_alone(count)
        save_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        for name, (build, change) in scenarios(folder).items():
            build()
            change(0)  # the first change pays for imports and caches
            times[name] = timed(change, count)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"times": times, "peak_mib": peak, "save_peak_mib": save_peak, "size": size}


#: Measured before saves were made part by part (issue 12), per form change.
BASELINE = {4: "345–609 ms", 16: "1.4–1.8 s, 1.3 GB"}


def compare(scales: list[int], count: int) -> None:
    """Print, per scale and form, p50/p95 saving the whole file and part by part."""
    import json
    import subprocess

    print(f"{count} changes per form; each run in a process of its own (peak memory is the "
          "process's)")
    for scale in scales:
        runs = {}
        for whole in (True, False):
            answer = subprocess.run(
                [sys.executable, __file__, "--one", str(scale), str(int(whole)), str(count)],
                check=True, capture_output=True, text=True).stdout
            runs[whole] = json.loads(answer.strip().splitlines()[-1])
        size = runs[False]["size"] / 2**20
        print(f"\n{scale}× the large workshop: {200 * scale} touchpoints, {30 * scale} "
              f"participants, file {size:.1f} MiB"
              + (f"; measured before: {BASELINE[scale]}" if scale in BASELINE else ""))
        print(f"{'form change':<26}{'whole file p50':>15}{'p95 ms':>8}"
              f"{'part by part p50':>18}{'p95 ms':>8}")
        for name in runs[False]["times"]:
            before, after = runs[True]["times"][name], runs[False]["times"][name]
            print(f"{name:<26}{statistics.median(before):15.1f}{percentile(before, .95):8.1f}"
                  f"{statistics.median(after):18.1f}{percentile(after, .95):8.1f}")
        print(f"{'one save, memory MiB':<26}{runs[True]['save_peak_mib']:15.1f}{'':8}"
              f"{runs[False]['save_peak_mib']:18.1f}")
        print(f"{'process peak memory MiB':<26}{runs[True]['peak_mib']:15.0f}{'':8}"
              f"{runs[False]['peak_mib']:18.0f}")


def main(count: int = 60) -> None:
    with tempfile.TemporaryDirectory() as folder:
        WorkshopFile.create(Path(folder), large_workshop())
        print(f"large workshop: 12 stages, 200 touchpoints, 8 personas, 30 participants; "
              f"{count} changes per form")
        print(f"{'form change':<26}{'p50 ms':>9}{'p95 ms':>9}   "
              f"{'naive full redraw p50':>22}{'p95 ms':>9}")
        for name, (build, change) in scenarios(folder).items():
            build()
            change(0)  # the first change pays for imports and caches
            fast = timed(change, count)

            def rebuild_after(n: int, build=build, change=change) -> None:
                change(n)
                build()

            naive_count = max(count // 4, 5)
            naive = timed(rebuild_after, naive_count)
            print(f"{name:<26}{statistics.median(fast):9.1f}{percentile(fast, 0.95):9.1f}   "
                  f"{statistics.median(naive):22.1f}{percentile(naive, 0.95):9.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        import json

        print(json.dumps(_run_one(int(sys.argv[2]), sys.argv[3] == "1", int(sys.argv[4]))))
    elif sys.argv[1:2] == ["--scales"]:
        arguments = sys.argv[2:]
        count = int(arguments.pop()) if len(arguments) > 1 and arguments[-2] == "--changes" \
            else 30
        if arguments and arguments[-1] == "--changes":
            arguments.pop()
        compare([int(a) for a in arguments if a != "--changes"], count)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
