"""``05_evidence`` in a real JupyterLab and a real browser: read an export, map it, save it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, KERNEL_IDLE, ROOT
from .helpers import journey, poll

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/05_evidence.ipynb"
SAMPLE = Path("data") / "samples" / "survey-en.csv"


def snapshot(page, part, name: str) -> None:
    """Keep a picture of ``part`` of the form as the room sees it, beside the page's own."""
    page.wait_for_function(KERNEL_IDLE, timeout=30_000)  # every change drawn
    part.evaluate("element => element.scrollIntoView({block: 'start'})")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"evidence-{name}.png"))


def test_analyst_reads_a_survey_maps_a_stage_and_saves_it(lab, page) -> None:
    if not (ROOT / SAMPLE).is_file():
        pytest.skip(f"{SAMPLE} is not there: run python data/make_exports.py")
    (lab.root / SAMPLE.parent).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / SAMPLE, lab.root / SAMPLE)
    folder = lab.use_workshop("browser-evidence", source="mortgage-journey")
    data = journey(folder)
    data["evidence"] = []  # a workshop that has no customer data yet
    (folder / "journey.json").write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    page.set_viewport_size({"width": 1400, "height": 1200})  # a section fits on one picture
    lab.run_notebook(page, NOTEBOOK)

    form = page.locator(".journeylab-evidence")
    menu = form.locator(".journeylab-evidence-file-menu select")
    menu.wait_for(timeout=60_000)
    menu.select_option(label=SAMPLE.as_posix())
    snapshot(page, form, "0-choose")
    form.locator(".journeylab-evidence-read").click()
    found = form.locator(".journeylab-found")
    found.locator("li", has_text="File: survey-en.csv (600 rows)").wait_for(timeout=30_000)

    # how the file is written and which column holds what, as detected (a menu's value in
    # the page is the words it shows)
    reading = form.locator(".journeylab-evidence-reading-part")
    shown = {name: reading.locator(f".journeylab-evidence-{name} select").input_value()
             for name in ("separator", "stage", "rating", "scale")}
    assert shown == {"separator": "comma ( , )", "stage": "Stage", "rating": "Score",
                     "scale": "NPS: likelihood to recommend from 0 to 10"}
    snapshot(page, reading, "1-how-read")

    # a stage label nobody mapped stands out; choosing its stage re-maps at once
    valuation = form.locator(".journeylab-labels-stage .journeylab-label-row",
                             has_text="Valuation")
    assert "journeylab-unmapped" in (valuation.get_attribute("class") or "")
    assert "not mapped yet" in valuation.inner_text()
    valuation.locator("select").select_option(label="Conversion (application & approval)")
    form.locator(".journeylab-labels-stage .journeylab-unmapped",
                 has_text="Valuation").wait_for(state="detached", timeout=20_000)
    snapshot(page, form.locator(".journeylab-evidence-labels-part"), "2-labels")

    results = form.locator(".journeylab-evidence-results-part")
    results.locator(".journeylab-per-stage td", has_text="Research").wait_for(timeout=20_000)
    charts = results.locator(".journeylab-charts img")
    charts.first.wait_for(timeout=20_000)
    assert charts.count() == 3
    assert all(charts.nth(n).get_attribute("alt") for n in range(3))
    assert all(charts.nth(n).evaluate("img => img.naturalWidth > 0") for n in range(3))
    snapshot(page, results, "3-found")
    snapshot(page, results.locator(".journeylab-charts"), "4-charts")

    # saved to the workshop file, said in the form and listed below it
    form.locator(".journeylab-save").click()
    saved = poll(lambda: journey(folder), lambda d: d["evidence"])
    assert [(s["id"], s["file_name"], s["rows"]) for s in saved["evidence"]] == [
        ("survey-en", "survey-en.csv", 600)]
    assert saved["evidence"][0]["stage_labels"]["Valuation"] == "conversion"
    form.locator(".journeylab-save-message",
                 has_text="Saved 'survey-en.csv' to the workshop").wait_for(timeout=10_000)
    listed = form.locator(".journeylab-saved-evidence", has_text="survey-en.csv")
    listed.wait_for(timeout=10_000)
    snapshot(page, form.locator(".journeylab-save"), "5-saved")
