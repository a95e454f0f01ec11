"""``04_emotion_scoring`` in a real JupyterLab: a participant scores two stages by clicking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import poll

pytestmark = pytest.mark.browser


def scores(folder: Path, participant: str, persona: str) -> dict[str, int]:
    data = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    return {s["stage"]: s["score"] for s in data["emotions"]
            if s["participant"] == participant and s["persona"] == persona
            and s["touchpoint"] is None}


def test_participant_scores_two_stages_with_faces(lab, page) -> None:
    folder = lab.use_workshop("scoring-test", source="mortgage-journey")
    data = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    # someone who has not scored Aleks yet, so every click is a new score
    participant = data["participants"][-1]
    persona = next(p for p in data["personas"] if p["id"] == "aleks")
    data["emotions"] = [s for s in data["emotions"]
                        if (s["participant"], s["persona"]) != (participant["id"], "aleks")]
    (folder / "journey.json").write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    lab.run_notebook(page, "notebooks/04_emotion_scoring.ipynb")

    persona_menu = page.locator(".journeylab-scoring-persona select")
    persona_menu.wait_for(timeout=60_000)
    persona_menu.select_option(label=persona["name"])
    page.locator(".journeylab-scoring-participant select").select_option(
        label=participant["name"])
    page.locator(".widget-html", has_text=f"{participant['name']} has scored 0 of") \
        .wait_for(timeout=10_000)

    page.locator(".journeylab-stage-offer button", has_text="Pleased").click()
    page.locator(".journeylab-stage-conversion button", has_text="Frustrated").click()
    saved = poll(lambda: scores(folder, participant["id"], "aleks"), lambda s: len(s) == 2)
    assert saved == {"offer": 2, "conversion": -2}
    chosen = page.locator(".journeylab-stage-conversion button.mod-primary")
    chosen.wait_for(timeout=10_000)
    assert "Frustrated" in chosen.inner_text()
    page.locator(".widget-html", has_text=f"{participant['name']} has scored 2 of") \
        .wait_for(timeout=10_000)

    # the chosen face again clears the score
    page.locator(".journeylab-stage-offer button", has_text="Pleased").click()
    saved = poll(lambda: scores(folder, participant["id"], "aleks"), lambda s: len(s) == 1)
    assert saved == {"conversion": -2}

    # next participant: the faces of the next person are shown
    page.locator(".journeylab-scoring-next-participant").click()
    first = data["participants"][0]["name"]
    page.locator(".widget-html", has_text=f"{first} has scored").wait_for(timeout=10_000)
    shown = page.locator(".journeylab-scoring-participant select").evaluate(
        "s => s.options[s.selectedIndex].text")
    assert shown.replace("\xa0", " ") == first  # the menu shows spaces as no-break spaces
    assert page.locator(".journeylab-emotion-scoring img").count() == 1
    assert page.locator(".jp-OutputArea-output", has_text="Traceback").count() == 0
    page.locator(".journeylab-emotion-scoring img").scroll_into_view_if_needed()  # for the shot
