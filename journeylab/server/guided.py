"""Which notebooks JupyterLab may run on opening: the guided notebooks JourneyLab ships.

JupyterLab runs nothing on opening, and for a good reason: a notebook from elsewhere would
run code nobody has seen. JourneyLab's JupyterLab extension runs a notebook on opening only
when the digest of its code is one that ``GET <base_url>journeylab/guided`` lists: the code
of a guided notebook exactly as :mod:`journeylab.guide` builds it, in any language. A
notebook that only carries the same metadata is shown as JupyterLab shows any notebook.

The digest is defined here and computed again in the browser
(``journeylab/labextension/index.js``); the tests check that both agree.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping

from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web

from .. import guide
from ..i18n import LANGUAGES

ROUTE = "journeylab/guided"
#: What joins the code cells' sources before they are digested. Python refuses a NUL in
#: source code, so no cell that runs can hide a cell boundary inside itself.
SEPARATOR = "\n\x00\n"


def code_digest(notebook: Mapping) -> str:
    """SHA-256, in hex, of ``notebook``'s code.

    The digested text is the source of every code cell, in order, joined by
    :data:`SEPARATOR` and encoded as UTF-8. Markdown, outputs and metadata are left out:
    they run nothing, and running the notebook changes its outputs.
    """
    sources = ("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
               for cell in notebook["cells"] if cell["cell_type"] == "code")
    return hashlib.sha256(SEPARATOR.join(sources).encode("utf-8")).hexdigest()


@functools.cache
def shipped() -> dict[str, str]:
    """The code digest of every guided notebook in every language, with the kernel it is for."""
    notebooks = (guide.build(step, code) for code in LANGUAGES for step in guide.STEPS)
    return {code_digest(notebook): notebook.metadata.kernelspec.name for notebook in notebooks}


def runs_on_opening(notebook: Mapping) -> bool:
    """Whether JupyterLab runs ``notebook`` as soon as it opens: its code is shipped code."""
    return code_digest(notebook) in shipped()


def keep_shipped_clean(model: dict, **_context: object) -> None:
    """Save a guided notebook as it was shipped: without the forms' outputs or widget state.

    A pre-save hook of Jupyter's contents manager, so neither autosave nor Ctrl+S writes a
    form into the notebook (the forms save the workshop, not the notebook); any other
    notebook is saved untouched.
    """
    content = model.get("content")
    if model.get("type") != "notebook" or not isinstance(content, dict) \
            or not runs_on_opening(content):
        return
    content.get("metadata", {}).pop("widgets", None)
    for cell in content["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None


class GuidedHandler(APIHandler):
    """``{"digests": {digest: kernel name}}`` of the guided notebooks, for the extension."""

    @web.authenticated
    def get(self) -> None:
        self.finish(json.dumps({"digests": shipped()}))


def handlers(base_url: str) -> list[tuple[str, type]]:
    """The routes of this module under ``base_url``."""
    return [(url_path_join(base_url, ROUTE), GuidedHandler)]
