"""Guided notebooks in a real JupyterLab: the form is there on opening and the code is not;
a notebook that only looks guided runs nothing.

The digest that decides is defined in ``journeylab/server/guided.py`` and computed again by
the extension in the browser; these tests hold the two to the same answer.
"""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from journeylab import guide
from journeylab.i18n import LANGUAGES
from journeylab.server.guided import (ROUTE, code_digest, keep_shipped_clean, runs_on_opening,
                                      shipped)

from .conftest import ARTIFACTS, KERNEL_IDLE

COMMITTED = [guide.notebook_folder(code) / f"{step.slug}.ipynb"
             for code in LANGUAGES for step in guide.STEPS]
#: The open notebook's code cells' execution counts, as JupyterLab holds them.
EXECUTION_COUNTS = ("() => window.jupyterapp.shell.currentWidget.content.widgets"
                    ".filter(c => c.model.type === 'code').map(c => c.model.executionCount)")
PANEL = ".jp-NotebookPanel"
#: A run that was going to start would have started within this long.
SETTLE_MS = 3_000


# --- the digest and the list of shipped code: plain pytest -------------------------------

def test_the_digest_is_the_code_cells_joined_by_a_nul_line() -> None:
    notebook = new_notebook(cells=[
        new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text="1\n")],
                      execution_count=1),
        new_markdown_cell("Guidance is not code."),
        new_code_cell("print('б')", metadata={"jupyter": {"source_hidden": True}})])
    # sha256 of "print(1)\n\0\nprint('б')" as UTF-8; the extension computes the same text
    assert code_digest(notebook) == (
        "98553c459975161650797ea832aff65624f5aed9d5892bff0817586941c0df8a")
    as_stored = json.loads(nbformat.writes(notebook))  # sources split into lines on disk
    as_stored["cells"][2]["source"] = ["print(", "'б')"]
    assert code_digest(as_stored) == code_digest(notebook)


def test_every_shipped_notebook_in_every_language_runs_on_opening() -> None:
    assert len(COMMITTED) == len(LANGUAGES) * len(guide.STEPS) > 0
    for path in COMMITTED:
        assert runs_on_opening(nbformat.read(path, as_version=4)), path
    assert set(shipped().values()) == {"python3"}


def _edited(notebook):
    notebook.cells[-2].source += " "
    return notebook


def _extra_cell(notebook):
    notebook.cells.append(new_code_cell("import os; os.listdir('..')"))
    return notebook


def _cell_dropped(notebook):
    del notebook.cells[[c.cell_type for c in notebook.cells].index("code")]
    return notebook


def _cell_doubled(notebook):
    code = [c for c in notebook.cells if c.cell_type == "code"]
    notebook.cells.insert(1, copy.deepcopy(code[-1]))
    return notebook


@pytest.mark.parametrize("change", [_edited, _extra_cell, _cell_dropped, _cell_doubled])
def test_a_notebook_with_changed_code_does_not_run_on_opening(change) -> None:
    for path in COMMITTED:
        notebook = change(nbformat.read(path, as_version=4))
        assert notebook.metadata["journeylab"], "the metadata still says it is guided"
        assert not runs_on_opening(notebook), f"{path} {change.__name__}"


# --- the route the extension asks: a real server -----------------------------------------

@pytest.mark.slow
def test_the_route_lists_the_shipped_code_to_a_logged_in_browser_only(lab) -> None:
    url = f"http://127.0.0.1:{lab.port}/{ROUTE}"
    with urllib.request.urlopen(f"{url}?token={lab.token}", timeout=10) as answer:
        assert json.load(answer) == {"digests": shipped()}
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    refused.value.close()
    assert refused.value.code == 403


def _with_outputs(notebook: nbformat.NotebookNode) -> dict:
    ran = json.loads(nbformat.writes(notebook))
    for number, cell in enumerate(c for c in ran["cells"] if c["cell_type"] == "code"):
        cell["outputs"] = [new_output("display_data", {"text/plain": "a form"})]
        cell["execution_count"] = number + 1
    ran["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    return ran


def test_a_shipped_notebook_is_saved_without_the_forms_outputs() -> None:
    ran = _with_outputs(guide.build(guide.STEPS[1], "bg"))
    keep_shipped_clean({"type": "notebook", "content": ran}, path="x.ipynb")
    code = [c for c in ran["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "widgets" not in ran["metadata"]


def test_another_notebook_is_saved_as_it_is() -> None:
    mine = new_notebook(cells=[new_code_cell("print('mine')")], metadata={"journeylab": {}})
    ran = _with_outputs(mine)
    before = copy.deepcopy(ran)
    keep_shipped_clean({"type": "notebook", "content": ran}, path="mine.ipynb")
    assert ran == before


# --- JupyterLab and Chromium ---------------------------------------------------------------

def _panel_digest(page) -> str:
    page.wait_for_selector(f"{PANEL}[data-journeylab-digest]", timeout=60_000)
    return page.locator(PANEL).get_attribute("data-journeylab-digest")


def _open(lab, page, notebook: str) -> None:
    page.goto(lab.url(notebook))
    page.wait_for_selector(".jp-Notebook:visible", timeout=60_000)
    assert page.evaluate("window.jupyterapp.hasPlugin('journeylab:guided')"), (
        "JupyterLab has not loaded JourneyLab's extension: run `make labextension`")


@pytest.mark.browser
@pytest.mark.parametrize("code", ["bg", "en", "lv"])
def test_a_guided_notebook_shows_its_form_on_opening_and_no_code(lab, page, code) -> None:
    lab.use_workshop(f"browser-guided-{code}",
                     source="elektronika-online" if code == "bg" else "mortgage-journey")
    notebook = guide.notebook_folder(code).relative_to(guide.NOTEBOOK_DIR.parent)
    path = f"{notebook}/01_touchpoints.ipynb"
    _open(lab, page, path)  # and nothing more: no menu, no click

    page.locator(".journeylab-touchpoints .widget-text input").first.wait_for(timeout=60_000)
    assert _panel_digest(page) == code_digest(nbformat.read(lab.root / path, as_version=4))
    page.locator("h1").first.wait_for()  # the guidance
    for hidden in (".jp-InputArea-editor", ".jp-InputPrompt", ".jp-InputPlaceholder",
                   ".jp-OutputPrompt"):
        assert page.locator(f"{hidden}:visible").count() == 0, f"{hidden} is visible"
    # the forms' outputs are never saved into the shipped notebook, not even by autosave
    assert page.evaluate("window.jupyterapp.shell.currentWidget.context.model.dirty") is False
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_timeout(1000)
    saved = nbformat.read(lab.root / path, as_version=4)
    assert all(not c.get("outputs") for c in saved.cells if c.cell_type == "code")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"guided_on_opening_{code}.png"))


@pytest.mark.browser
def test_coming_back_to_a_guided_notebook_runs_nothing_again(lab, page) -> None:
    lab.use_workshop("browser-guided-again", source="mortgage-journey")
    _open(lab, page, "notebooks/01_touchpoints.ipynb")
    page.locator(".journeylab-touchpoints").wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({EXECUTION_COUNTS})().every(n => n !== null)",
                           timeout=60_000)
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    ran_once = page.evaluate(EXECUTION_COUNTS)  # the kernel may have served a visit before
    assert ran_once == list(range(ran_once[0], ran_once[0] + len(ran_once)))

    panel_id = page.evaluate("window.jupyterapp.shell.currentWidget.id")
    page.evaluate("() => { window.jupyterapp.commands.execute('launcher:create'); }")
    page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget.id !== '{panel_id}'")
    page.evaluate(f"window.jupyterapp.shell.activateById('{panel_id}')")
    page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget.id === '{panel_id}'")
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    assert page.evaluate(EXECUTION_COUNTS) == ran_once
    assert page.locator(".journeylab-touchpoints").count() == 1


@pytest.mark.browser
def test_a_notebook_that_only_looks_guided_runs_nothing(lab, page) -> None:
    lab.use_workshop("browser-lookalike", source="elektronika-online")
    lookalike = guide.build(guide.STEPS[1], "bg")
    lookalike.cells[-2].source = 'print("изпълнено, без никой да го е видял")'
    (lab.root / "notebooks" / "bg" / "received.ipynb").write_text(
        nbformat.writes(lookalike), encoding="utf-8")
    _open(lab, page, "notebooks/bg/received.ipynb")

    # the browser digested the code just as Python does, Cyrillic and all, and found it foreign
    assert _panel_digest(page) == code_digest(lookalike)
    assert not runs_on_opening(lookalike)
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    page.wait_for_timeout(SETTLE_MS)
    assert page.locator(".jp-OutputArea-output").count() == 0, "the look-alike ran"
    assert "journeylab-guided" not in page.locator(PANEL).get_attribute("class")
    assert page.locator(".jp-InputPrompt:visible").count() > 0, "its cells are hidden"
