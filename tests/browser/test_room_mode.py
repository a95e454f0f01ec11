"""Room mode: every step readable from the back of a room, nothing cut off, in five languages.

The facilitator's app (Voila, one kernel) is opened on a 1440 × 900 screen and walked
through its eight steps. In every step, every label, button, option, tab title, list item,
hint, table cell and paragraph must be whole (no "…", nothing hidden past the edge of its
box) and, in room mode, drawn at 18 px or more; a chart is not shown much smaller than it
is drawn. The same holds for a guided notebook in JupyterLab. A screenshot of each step is
kept in ``test-artifacts/`` as ``room-<step>-<language>.png``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from journeylab import preferences
from journeylab.app.steps import APP_STEPS
from journeylab.guide import STEPS, build
from journeylab.i18n import LANGUAGES, _, language

from .conftest import ARTIFACTS, ROOT
from .helpers import cut_texts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOM_TEXT_PX = 18
PROJECTOR = {"width": 1440, "height": 900}
FULL_HD = {"width": 1920, "height": 1080}
#: The demo workshop each language's room works on; its language is set to the room's.
SOURCE = {"en": "mortgage-journey"}
#: The export each demo workshop's analyst reads in the evidence step.
SURVEY = {"mortgage-journey": Path("data/samples/survey-en.csv"),
          "elektronika-online": Path("data/samples/survey-bg.csv")}
#: A chart in a form may be shown this much smaller than drawn, and its text stays readable.
CHART_SCALE = 0.9
#: The class of each step's form, there once the step is drawn.
FORM_CLASS = {"start_here": "journeylab-setup", "touchpoints": "journeylab-touchpoints",
              "personas": "journeylab-personas", "stage_mapping": "journeylab-stage-mapping",
              "emotion_scoring": "journeylab-emotion-scoring",
              "evidence": "journeylab-evidence", "insights_actions": "journeylab-insights",
              "handout": "journeylab-handout"}
# Widgets draw their parts one after another: wait until the page has stopped growing.
_SETTLED = """() => {
  const count = document.querySelectorAll('.journeylab-app *').length;
  const settled = window.__journeylabCount === count;
  window.__journeylabCount = count;
  return settled;
}"""


def _room_in(lab, code: str) -> None:
    """A workshop of the room's own in ``code``, with its analyst's export beside it, and a
    facilitator who last chose room mode (the server's kernels read the same preferences)."""
    source = SOURCE.get(code, "elektronika-online")
    (lab.root / SURVEY[source]).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / SURVEY[source], lab.root / SURVEY[source])
    folder = lab.use_workshop(f"room-{code}", source=source)
    data = json.loads((folder / "journey.json").read_text(encoding="utf-8"))
    data["language"] = code
    (folder / "journey.json").write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    preferences.save(language=code, mode="room")


def _open_app(lab, page, code: str, screen: dict = PROJECTOR) -> None:
    """The app in ``code`` on the room's own workshop, on a projector's ``screen``."""
    _room_in(lab, code)
    page.set_viewport_size(screen)
    page.goto(f"http://127.0.0.1:{lab.port}/voila/render/notebooks/app.ipynb"
              f"?token={lab.token}", timeout=60_000)
    page.locator(".journeylab-app").wait_for(timeout=90_000)


def _go(page, number: int) -> None:
    """Step ``number`` of the app, drawn in full."""
    step = APP_STEPS[number - 1]
    page.evaluate("window.__journeylabCount = -1")
    page.locator(f".journeylab-step-{number}").click()
    page.locator(f".journeylab-step-{number}.mod-primary").wait_for(timeout=30_000)
    # a step's first drawing builds its whole form: on two busy cores, with the other test
    # worker's browser beside it, that may take more than a minute
    page.locator(f".journeylab-app .{FORM_CLASS[step.form_name]}").first.wait_for(
        timeout=150_000)
    page.wait_for_function(_SETTLED, polling=400, timeout=30_000)


def _read_a_survey(page, folder: str) -> None:
    """The analyst's export read in the evidence step, so its tables and charts show."""
    form = page.locator(".journeylab-app .journeylab-evidence")
    form.locator(".journeylab-evidence-file-menu select").select_option(
        label=SURVEY[folder].as_posix())
    form.locator(".journeylab-evidence-read").click()
    form.locator(".journeylab-charts img").first.wait_for(timeout=60_000)
    page.evaluate("window.__journeylabCount = -1")
    page.wait_for_function(_SETTLED, polling=400, timeout=30_000)


def _shrunk_charts(page) -> list[str]:
    """The charts shown at less than :data:`CHART_SCALE` of the size they are drawn at."""
    return page.evaluate("""(least) => [...document.querySelectorAll('.journeylab-app img')]
      .filter((img) => img.naturalWidth && img.getClientRects().length
              && img.clientWidth < least * img.naturalWidth)
      .map((img) => `${img.alt || 'chart'}: ${img.clientWidth} of ${img.naturalWidth} px`)""",
                         CHART_SCALE)


def _screenshot(page, name: str, scrolled: str = ".journeylab-app") -> None:
    """The whole page, however long: the screen is made as tall as what scrolls in it
    (``scrolled``) for a moment."""
    screen = page.viewport_size
    height = page.locator(scrolled).first.evaluate(
        "box => box.scrollHeight + box.getBoundingClientRect().top + 40")
    page.set_viewport_size({"width": screen["width"], "height": min(int(height), 16_000)})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(screen)


def _walk(page, code: str, min_font_px: float | None, prefix: str) -> dict[str, list[dict]]:
    """Every step in turn: what is cut (or small) in each, by the step's short title.

    In room mode (``min_font_px``), a chart shown much smaller than drawn counts as small.
    """
    found = {}
    for step in APP_STEPS:
        _go(page, step.number)
        if step.form_name == "evidence":
            _read_a_survey(page, SOURCE.get(code, "elektronika-online"))
        cut = cut_texts(page, ".journeylab-app", min_font_px)
        if min_font_px is not None:
            cut += [{"kind": "chart", "text": said, "why": "shown smaller than drawn"}
                    for said in _shrunk_charts(page)]
        _screenshot(page, f"{prefix}-{step.number}-{step.form_name}-{code}")
        if cut:
            with language(code):
                found[f"step {step.number} {step.short_title()}"] = cut
    return found


def _said(found: dict[str, list[dict]]) -> str:
    return "\n".join(f"  {where}: {item['kind']} «{item['text']}»: {item['why']}"
                     for where, items in found.items() for item in items)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_room_mode_is_whole_and_large_in_every_step(lab, page, code) -> None:
    _open_app(lab, page, code)
    assert page.locator(".journeylab-app.journeylab-room").count() == 1
    assert page.locator(".journeylab-mode").count() == 1  # one toggle, for the whole page
    found = _walk(page, code, ROOM_TEXT_PX, "room")
    assert not found, f"cut or small in room mode ({code}):\n{_said(found)}"


def test_room_mode_is_whole_and_large_on_a_full_hd_projector(lab, page) -> None:
    code = "bg"
    _open_app(lab, page, code, FULL_HD)
    found = _walk(page, code, ROOM_TEXT_PX, "room-1920")
    assert not found, f"cut or small in room mode at 1920 × 1080 ({code}):\n{_said(found)}"


def test_compact_mode_cuts_nothing_and_is_remembered(lab, page) -> None:
    code = "lv"  # the longest words of the five languages
    _open_app(lab, page, code)
    with language(code):
        compact = _("Laptop: compact")
    page.locator(".journeylab-mode button", has_text=compact).click()
    page.locator(".journeylab-app.journeylab-compact").wait_for(timeout=10_000)
    assert page.locator(".journeylab-room").count() == 0  # one choice for the whole page
    found = _walk(page, code, None, "compact")
    assert not found, f"cut in compact mode ({code}):\n{_said(found)}"
    assert preferences.load()["mode"] == "compact"


def test_a_guided_notebook_in_jupyterlab_is_in_room_mode(lab, page) -> None:
    code = "lv"
    _room_in(lab, code)
    # the guided notebook with one empty cell more: JupyterLab opens it as any notebook, and
    # the test runs it, whether or not guided notebooks run by themselves on this server
    notebook = build(next(s for s in STEPS if s.slug == "04_emotion_scoring"), code)
    notebook.cells.append(new_code_cell(""))
    nbformat.write(notebook, lab.root / "notebooks" / code / "room_check.ipynb")
    page.set_viewport_size(PROJECTOR)
    lab.run_notebook(page, f"notebooks/{code}/room_check.ipynb")
    page.locator(".jp-Notebook .journeylab-room .journeylab-emotion-scoring").wait_for(
        timeout=60_000)
    page.locator(".jp-Notebook .journeylab-room .journeylab-handout").wait_for(timeout=60_000)
    # every cell laid out, not only those scrolled into view, so that all of them are measured
    page.add_style_tag(content=".jp-Cell {content-visibility: visible !important}")
    assert page.locator(".journeylab-mode").count() == 1  # one toggle: the form's
    # what the facilitator reads: the guidance and the forms (the code is hidden for them)
    found = cut_texts(page, ".jp-Cell :is(.jp-MarkdownOutput, .jp-OutputArea-output)",
                      ROOM_TEXT_PX)
    _screenshot(page, f"room-lab-{code}", ".jp-NotebookPanel .jp-WindowedPanel-outer")
    assert not found, f"cut or small in the guided notebook:\n{_said({code: found})}"
