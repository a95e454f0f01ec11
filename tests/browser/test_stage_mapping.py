"""``03_stage_mapping`` in a real JupyterLab: pick a cell, type a card, set its evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import poll

pytestmark = pytest.mark.browser


def pain_points(folder: Path, stage: str, persona: str) -> list[dict]:
    data = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    cell = next((c for c in data["journey"]
                 if c["stage"] == stage and c["persona"] == persona), None)
    return cell["pain_points"] if cell else []


def test_facilitator_maps_a_pain_point_with_its_evidence(lab, page) -> None:
    folder = lab.use_workshop("mapping-test", source="mortgage-journey")
    data = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    stage = next(s for s in data["stages"] if s["id"] == "conversion")
    persona = next(p for p in data["personas"] if p["id"] == "aleks")
    before = pain_points(folder, "conversion", "aleks")
    lab.run_notebook(page, "notebooks/03_stage_mapping.ipynb")

    stage_menu = page.locator(".journeylab-mapping-stage select")
    stage_menu.wait_for(timeout=60_000)
    stage_menu.select_option(label=stage["name"])
    page.locator(".journeylab-mapping-persona select").select_option(label=persona["name"])
    heading = f"{persona['name']} · {stage['name']}"
    page.locator(".widget-html h4", has_text=heading).wait_for(timeout=10_000)

    lane = page.locator(".journeylab-lane-pain_points")
    new_card = lane.locator(".journeylab-new-card input")
    new_card.fill("Našu bankas izraksti netiek pieņemti")
    new_card.press("Enter")
    saved = poll(lambda: pain_points(folder, "conversion", "aleks"),
                 lambda cards: len(cards) == len(before) + 1)
    assert saved[:-1] == before
    assert saved[-1] == {"text": "Našu bankas izraksti netiek pieņemti",
                         "evidence": "assumption"}

    card = lane.locator(".journeylab-card").nth(len(before))
    card.locator("textarea").wait_for(timeout=10_000)
    assert card.locator("textarea").input_value() == "Našu bankas izraksti netiek pieņemti"
    card.locator("select").select_option(label="Interview")
    saved = poll(lambda: pain_points(folder, "conversion", "aleks"),
                 lambda cards: cards and cards[-1]["evidence"] == "interview")
    assert saved[-1] == {"text": "Našu bankas izraksti netiek pieņemti",
                         "evidence": "interview"}
    page.locator(".journeylab-save-mark", has_text="Saved").first.wait_for(timeout=10_000)
    assert page.locator(".jp-OutputArea-output", has_text="Traceback").count() == 0
    page.locator(".journeylab-mapping-stage").scroll_into_view_if_needed()  # for the shot


def test_an_empty_cell_is_shown_and_a_click_goes_there(lab, page) -> None:
    folder = lab.use_workshop("mapping-empty", source="mortgage-journey")
    data = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    data["journey"] = [c for c in data["journey"]
                       if (c["stage"], c["persona"]) != ("usage", "marcus")]
    (folder / "journey.json").write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    lab.run_notebook(page, "notebooks/03_stage_mapping.ipynb")
    empty = page.locator("button.journeylab-cell", has_text="empty")
    empty.first.wait_for(timeout=60_000)
    assert empty.count() == 1
    empty.click()
    marcus = next(p["name"] for p in data["personas"] if p["id"] == "marcus")
    usage = next(s["name"] for s in data["stages"] if s["id"] == "usage")
    page.locator(".widget-html h4", has_text=f"{marcus} · {usage}").wait_for(timeout=10_000)
    goals = page.locator(".journeylab-lane-goals .journeylab-new-card input")
    goals.fill("Keep the business account and the mortgage apart")
    goals.press("Enter")
    page.locator("button.journeylab-cell", has_text="empty").first.wait_for(
        state="detached", timeout=10_000)
    saved = poll(lambda: json.loads((folder / "journey.json").read_text(encoding="utf-8")),
                 lambda d: any(c["stage"] == "usage" and c["persona"] == "marcus"
                               for c in d["journey"]))
    cell = next(c for c in saved["journey"] if (c["stage"], c["persona"]) == ("usage", "marcus"))
    assert [c["text"] for c in cell["goals"]] == [
        "Keep the business account and the mortgage apart"]
