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
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbformat import NotebookNode
from traitlets.config import Config

from ..model import Workshop
from ..store import write_atomically
from .build import REMOVE_CELL, REMOVE_INPUT, handout_notebook

TEMPLATES = Path(__file__).parent / "template"
TEMPLATE_NAME = "journeylab"

_converting = threading.Lock()  # an exporter keeps state while it converts


class HandoutExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass over the page.

    That pass parses the whole page again, a third of a conversion's time, to give images
    without a text alternative a placeholder one and to make outputs focusable. The
    handout's template gives every image its text alternative, and nothing in a handout
    scrolls or takes input, so there is nothing for the pass to do.
    """

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None,
                           **kw) -> tuple[str, dict]:
        """The page of ``nb``, with the filters :class:`HTMLExporter` registers."""
        resources = self._init_resources(resources)
        self.register_filter("highlight_code", Highlight2HTML(parent=self))
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


@functools.cache
def exporter() -> HandoutExporter:
    """The process's one exporter, with the handout template and tag-driven hiding."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {REMOVE_CELL}
    config.TagRemovePreprocessor.remove_input_tags = {REMOVE_INPUT}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    return HandoutExporter(config=config, template_name=TEMPLATE_NAME,
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
