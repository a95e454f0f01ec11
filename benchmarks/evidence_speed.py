"""Importing a large survey export, next to DuckDB doing the same aggregation.

For each file: JourneyLab's whole import (detect how the file is written, fingerprint it,
read it, count ratings per stage, touchpoint, segment and month, count respondents, sample,
redact and count words of comments, build the evidence) against DuckDB's ``read_csv`` with
``GROUP BY`` the same keys and a distinct count of respondents: the tool an analyst would
otherwise reach for. Each run is a new process; its peak memory is reported too.
Goals: no more than 1.5× DuckDB's time, peak memory under 1 GB. DuckDB reads only UTF-8
(and UTF-16 and Latin-1) without a downloaded extension, so the Bulgarian Windows-1251 file
is timed for JourneyLab alone.

Run: ``make bench`` or ``python benchmarks/evidence_speed.py [repeats]``; missing files are
generated first with ``data/make_exports.py``.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
GENERATED = ROOT / "data" / "generated"
FILES = [("survey-en-100000.csv", "mortgage-journey"),
         ("survey-en-1000000.csv", "mortgage-journey"),
         ("survey-bg-1000000.csv", "elektronika-online")]


def ours(path: Path, workshop_name: str) -> None:
    """JourneyLab's import of ``path`` into a demo workshop with every stage label mapped,
    as ``journeylab evidence WORKSHOP FILE --mapping M`` does it, without saving it."""
    from journeylab.evidence.importer import preview, propose
    from journeylab.evidence.scan import scan
    from journeylab.store import load_workshop

    workshop = load_workshop(ROOT / "workshops" / workshop_name)
    proposal = propose(workshop, path)
    found = scan(path, proposal.settings, proposal.columns, proposal.scale)
    stages = [stage.id for stage in workshop.stages]
    labels = {label: stages[n % len(stages)]
              for n, label in enumerate(sorted(found.labels("stage")))}
    preview(workshop, proposal, b"k" * 32, {"stage": labels}, found=found)


def duckdb(path: Path, _workshop_name: str) -> None:
    """DuckDB's ``read_csv`` and ``GROUP BY`` over the same keys, with respondents."""
    import duckdb as db

    from journeylab.evidence.read import detect

    header = detect(path).header
    stage, touchpoint, segment, date, score, respondent = (
        f'"{header[i]}"' for i in _columns(header))
    db.sql(f"""
        CREATE TEMP TABLE answers AS SELECT * FROM read_csv('{path}', header = true,
            all_varchar = true);
        SELECT {stage}, {touchpoint}, {segment},
               strftime(strptime({date}, '%Y-%m-%d'), '%Y-%m') AS month,
               TRY_CAST({score} AS DOUBLE) AS rating, count(*)
        FROM answers GROUP BY ALL;
    """).fetchall()
    db.sql(f"SELECT count(DISTINCT {respondent}) FROM answers").fetchall()


def _columns(header: list[str]) -> list[int]:
    from journeylab.evidence.mapping import suggest_columns

    found = suggest_columns(header)
    return [header.index(getattr(found, name)) for name in
            ("stage", "touchpoint", "persona", "date", "rating", "respondent")]


def run_once(tool: str, file_name: str, workshop_name: str) -> dict:
    """One timed run in this process: seconds and peak memory in MB. Libraries are loaded
    before the clock starts: the work is timed, not the start of Python."""
    import duckdb as _db  # noqa: F401

    import journeylab.evidence.importer  # noqa: F401
    import journeylab.evidence.mapping  # noqa: F401

    path = GENERATED / file_name
    start = time.perf_counter()
    {"ours": ours, "duckdb": duckdb}[tool](path, workshop_name)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak}


def measured(tool: str, file_name: str, workshop_name: str, repeats: int) -> tuple[float, float]:
    """Median seconds and highest peak memory of ``repeats`` runs, each a new process."""
    runs = [json.loads(subprocess.run(
        [sys.executable, __file__, "--once", tool, file_name, workshop_name],
        check=True, capture_output=True, text=True).stdout) for _ in range(repeats)]
    return (statistics.median(r["seconds"] for r in runs), max(r["peak_mb"] for r in runs))


def main(repeats: int = 3) -> None:
    missing = [name for name, _workshop in FILES if not (GENERATED / name).exists()]
    if missing:
        subprocess.run([sys.executable, str(ROOT / "data" / "make_exports.py"), "--rows",
                        "100000", "1000000", "--languages", "en", "bg", "--xlsx-max-rows",
                        "0", "--out", str(GENERATED)], check=True)
    print(f"median of {repeats} runs, each in a new process; seconds, peak memory in MB")
    print(f"{'file':<24}{'size MB':>8}{'JourneyLab':>12}{'peak':>7}{'DuckDB':>9}{'peak':>7}"
          f"{'ratio':>8}")
    for name, workshop in FILES:
        size = (GENERATED / name).stat().st_size / 1e6
        seconds, peak = measured("ours", name, workshop, repeats)
        line = f"{name:<24}{size:8.0f}{seconds:12.2f}{peak:7.0f}"
        if "-bg-" in name:
            print(line + f"{'—':>9}{'—':>7}{'—':>8}")
            continue
        theirs, their_peak = measured("duckdb", name, workshop, repeats)
        print(line + f"{theirs:9.2f}{their_peak:7.0f}{seconds / theirs:7.2f}×")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--once":
        print(json.dumps(run_once(*sys.argv[2:])))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
