"""Every guided notebook runs top to bottom in a real kernel and is committed clean."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))


def test_there_are_guided_notebooks() -> None:
    assert any(path.name == "00_start_here.ipynb" for path in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs_or_widget_state(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert "widgets" not in notebook.metadata
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert len(cell.source.splitlines()) == 1, "code cells are one line"
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True


def widget_texts(notebook: nbformat.NotebookNode) -> str:
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    return json.dumps([model["state"] for model in state.values()], ensure_ascii=False)


def test_start_here_shows_the_first_demo_workshop(tmp_path: Path) -> None:
    path = ROOT / "notebooks" / "00_start_here.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    views = [o for c in notebook.cells for o in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1
    first = sorted((ROOT / "workshops").glob("*/journey.json"))[0]
    data = json.loads(first.read_text(encoding="utf-8"))
    shown = widget_texts(notebook)
    for text in (data["title"], data["stages"][-1]["name"], data["personas"][0]["name"]):
        assert json.dumps(text, ensure_ascii=False)[1:-1] in shown
