"""``notebooks/app.ipynb``: the one notebook the facilitator's app runs.

It holds a single hidden code cell that shows :func:`journeylab.app.facilitator_app`; Voila
renders its output only. ``python -m journeylab.app.notebook`` (``make notebooks``) writes it;
a test fails when the committed notebook differs from what this module builds.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from ..guide import NOTEBOOK_DIR

APP_NOTEBOOK = NOTEBOOK_DIR / "app.ipynb"
APP_CODE = "import journeylab.app; journeylab.app.facilitator_app()"


def build() -> nbformat.NotebookNode:
    """The app notebook, clean: no outputs, its one code cell hidden."""
    cell = new_code_cell(APP_CODE, id="app",
                         metadata={"jupyter": {"source_hidden": True}, "tags": ["form"]})
    return new_notebook(cells=[cell], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "journeylab": {"step": "app"},
    })


def write(path: Path = APP_NOTEBOOK) -> Path:
    """Write the app notebook to ``path``; return it."""
    notebook = build()
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return path


if __name__ == "__main__":
    print(write().relative_to(NOTEBOOK_DIR.parent))
