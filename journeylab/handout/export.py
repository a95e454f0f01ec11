"""Writing the handout: one HTML page that loads nothing, and its notebook beside it.

An exporter reads and compiles its templates on its first conversion, which costs about
three times a later one; so one exporter serves the whole process, and the export behind a
notebook button costs what converting costs.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbformat import NotebookNode
from traitlets.config import Config

from ..model import Workshop
from ..store import write_atomically
from .build import REMOVE_CELL, REMOVE_INPUT, handout_notebook

TEMPLATES = Path(__file__).parent / "template"
TEMPLATE_NAME = "journeylab"

_converting = threading.Lock()  # an exporter keeps state while it converts


@functools.cache
def exporter() -> HTMLExporter:
    """The process's one exporter, with the handout template and tag-driven hiding."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {REMOVE_CELL}
    config.TagRemovePreprocessor.remove_input_tags = {REMOVE_INPUT}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    return HTMLExporter(config=config, template_name=TEMPLATE_NAME,
                        extra_template_basedirs=[str(TEMPLATES)])


def notebook_html(notebook: NotebookNode) -> str:
    """The handout page of a notebook made by :func:`~.build.handout_notebook`."""
    with _converting:
        body, _resources = exporter().from_notebook_node(notebook)
    return body


def export_handout(workshop: Workshop, out_html: Path, language: str | None = None,
                   persona: str | None = None) -> Path:
    """Write the handout of ``workshop`` to ``out_html`` and its notebook beside it.

    Both files are written atomically: a reader never opens half a handout. Returns
    ``out_html``; the notebook is the same path with ``.ipynb``.
    """
    out_html = Path(out_html)
    notebook = handout_notebook(workshop, language=language, persona=persona)
    page = notebook_html(notebook)
    out_html.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out_html.with_suffix(".ipynb"),
                     nbformat.writes(notebook).encode("utf-8") + b"\n")
    write_atomically(out_html, page.encode("utf-8"))
    return out_html
