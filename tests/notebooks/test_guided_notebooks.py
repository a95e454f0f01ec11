"""Every guided notebook is generated, committed clean, and runs in a real kernel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from journeylab import guide
from journeylab.edit import new_workshop
from journeylab.store import WorkshopFile

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))
DEMOS = sorted(p.parent.name for p in (ROOT / "workshops").glob("*/journey.json"))


def test_every_step_has_its_notebook() -> None:
    assert [p.name for p in NOTEBOOKS if p.parent == ROOT / "notebooks"] == sorted(
        f"{step.slug}.ipynb" for step in guide.STEPS)


@pytest.mark.parametrize("step", guide.STEPS, ids=lambda s: s.slug)
def test_committed_notebook_is_what_the_guide_builds(step) -> None:
    committed = nbformat.read(ROOT / "notebooks" / f"{step.slug}.ipynb", as_version=4)
    assert committed == guide.build(step), "run `make notebooks` and commit the result"


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
    folder = _workshop(workshop, tmp_path)
    before = (folder / "journey.json").read_bytes()
    monkeypatch.setenv("JOURNEYLAB_WORKSHOP", str(folder))
    notebook = guide.build(step)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert [o for o in outputs if o.output_type == "error"] == []
    text = json.dumps(outputs, ensure_ascii=False)
    assert "Traceback" not in text and "⚠" not in text
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views, "the form is shown"
    assert (folder / "journey.json").read_bytes() == before, "opening a form changes nothing"
