"""``04_emotion_scoring`` in a real JupyterLab: a participant scores two stages by clicking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeylab.forms.emotions import FACES

from .conftest import ARTIFACTS
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


#: Draws a text in the buttons' font on a canvas and tells whether it came out as a glyph:
#: neither blank nor the box a browser draws for a character no font has (U+0378 is none).
_DRAWN = """(texts) => {
  const canvas = document.createElement('canvas'); canvas.width = 64; canvas.height = 64;
  const pen = canvas.getContext('2d');
  const family = getComputedStyle(document.querySelector('.journeylab-score')).fontFamily;
  pen.font = '40px ' + family;
  const draw = text => { pen.clearRect(0, 0, 64, 64); pen.fillText(text, 4, 48);
                         return Array.from(pen.getImageData(0, 0, 64, 64).data).join(','); };
  const missing = draw('\\u0378'), blank = draw('');
  return texts.map(text => draw(text) !== missing && draw(text) !== blank);
}"""
#: Buttons whose words do not fit: cut with "…", or a word broken across two lines.
_CUT = """() => Array.from(document.querySelectorAll('.journeylab-score')).filter(b => {
  const style = getComputedStyle(b), probe = document.createElement('span');
  probe.style.font = style.font; probe.style.whiteSpace = 'nowrap';
  document.body.appendChild(probe);
  const widest = Math.max(...b.innerText.split(/\\s+/).map(word => {
    probe.textContent = word; return probe.getBoundingClientRect().width; }));
  probe.remove();
  const room = b.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1
    || widest > room + 1;
}).map(b => b.innerText)"""


@pytest.mark.parametrize(("language", "workshop", "width", "height"), [
    ("en", "mortgage-journey", 1440, 900), ("bg", "elektronika-online", 390, 844),
    ("lv", "mortgage-journey", 390, 844)])
def test_every_face_shows_its_number_and_word_whole(lab, page, language, workshop, width,
                                                     height) -> None:
    lab.use_workshop(f"faces-{language}", source=workshop)
    page.set_viewport_size({"width": width, "height": height})
    notebook = "notebooks/04_emotion_scoring.ipynb" if language == "en" else \
        f"notebooks/{language}/04_emotion_scoring.ipynb"
    lab.run_notebook(page, notebook)
    buttons = page.locator(".journeylab-stage-scores").first.locator(".journeylab-score")
    buttons.first.wait_for(timeout=60_000)
    if width < 600:  # on a phone the file browser would take the whole screen
        page.evaluate("window.jupyterapp.shell.collapseLeft()")
    texts = [buttons.nth(n).inner_text().strip() for n in range(buttons.count())]
    assert len(texts) == 7
    numbers = ["\u22123", "\u22122", "\u22121", "0", "+1", "+2", "+3"]
    for text, number, face in zip(texts, numbers, FACES.values(), strict=True):
        assert text.startswith(face) and f" {number} " in text, text
    assert page.evaluate(_DRAWN, list(FACES.values())) == [True] * 7, \
        "a face draws as an empty box: the browser has no font for it"
    page.locator(".journeylab-faces").first.evaluate("e => e.scrollIntoView({block: 'center'})")
    cut = page.evaluate(_CUT)
    assert cut == [], f"cut: {cut}"
    faces = page.locator(".journeylab-faces").first.bounding_box()
    inside = page.locator(".jp-NotebookPanel").bounding_box()
    assert faces["x"] >= inside["x"] and faces["x"] + faces["width"] <= \
        inside["x"] + inside["width"] + 1, "the faces run off the notebook"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"emotion_faces-{language}-{width}.png"))
