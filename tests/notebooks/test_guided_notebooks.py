"""Every guided notebook is generated, committed clean, and runs in a real kernel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from journeylab import guide
from journeylab.app.notebook import APP_NOTEBOOK
from journeylab.edit import new_workshop
from journeylab.i18n import LANGUAGES
from journeylab.store import WorkshopFile

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
DEMOS = sorted(p.parent.name for p in (ROOT / "workshops").glob("*/journey.json"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_every_step(code) -> None:
    folder = guide.notebook_folder(code)
    guided = [p for p in NOTEBOOKS if p.parent == folder and p != APP_NOTEBOOK]
    assert sorted(p.name for p in guided) == sorted(
        f"{step.slug}.ipynb" for step in guide.STEPS)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("step", guide.STEPS, ids=lambda s: s.slug)
def test_committed_notebook_is_what_the_guide_builds(step, code) -> None:
    committed = nbformat.read(guide.notebook_folder(code) / f"{step.slug}.ipynb",
                              as_version=4)
    assert committed == guide.build(step, code), "run `make notebooks` and commit the result"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs_or_widget_state(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert "widgets" not in notebook.metadata
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert len(cell.source.splitlines()) == 1, "code cells are one line"
            assert cell.metadata["jupyter"]["source_hidden"] is True


def _workshop(kind: str, tmp_path: Path) -> Path:
    folder = tmp_path / "workshops" / kind
    if kind == "new-empty":
        WorkshopFile.create(folder, new_workshop("New workshop", "en", "custom"))
    else:
        shutil.copytree(ROOT / "workshops" / kind, folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("workshop", [*DEMOS, "new-empty"])
@pytest.mark.parametrize("step", guide.STEPS, ids=lambda s: s.slug)
def test_notebook_runs_headless(step, workshop, tmp_path, monkeypatch) -> None:
    run_headless(step, "en", _workshop(workshop, tmp_path), monkeypatch)


#: Bulgarian runs every step; the other languages the first step and a form step, since the
#: notebooks differ only in their words.
TRANSLATED_RUNS = [("bg", step) for step in guide.STEPS] + [
    (code, step) for code in LANGUAGES if code not in ("en", "bg")
    for step in guide.STEPS if step.slug in ("00_start_here", "03_stage_mapping")]


@pytest.mark.slow
@pytest.mark.parametrize(("code", "step"), TRANSLATED_RUNS,
                         ids=[f"{code}-{step.slug}" for code, step in TRANSLATED_RUNS])
def test_every_languages_notebook_runs_from_its_folder(step, code, tmp_path,
                                                        monkeypatch) -> None:
    """From ``notebooks/<code>/`` the forms find the workshops two folders up."""
    shutil.copytree(ROOT / "workshops" / "elektronika-online",
                    tmp_path / "workshops" / "elektronika-online")
    (tmp_path / "notebooks" / code).mkdir(parents=True)
    monkeypatch.delenv("JOURNEYLAB_WORKSHOP", raising=False)
    run_headless(step, code, tmp_path / "workshops" / "elektronika-online", monkeypatch,
                 where=tmp_path / "notebooks" / code)


def run_headless(step, code: str, folder: Path, monkeypatch, where: Path | None = None) -> None:
    """Run ``step``'s notebook in ``code`` in a real kernel on ``folder``: a form, no error,
    and nothing changed on disk."""
    before = (folder / "journey.json").read_bytes()
    if where is None:
        monkeypatch.setenv("JOURNEYLAB_WORKSHOP", str(folder))
    notebook = guide.build(step, code)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={
        "metadata": {"path": str(where or ROOT / "notebooks")}}).execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert [o for o in outputs if o.output_type == "error"] == []
    text = json.dumps(outputs, ensure_ascii=False)
    assert "Traceback" not in text and "⚠" not in text
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views, "the form is shown"
    assert (folder / "journey.json").read_bytes() == before, "opening a form changes nothing"
