"""JourneyLab inside the Jupyter server that the facilitator's app and JupyterLab share.

Loaded as a Jupyter server extension (``journeylab start`` and ``make lab`` enable it). It
adds a few routes under ``<base_url>journeylab/``, every one behind Jupyter's own
authentication (token, ``Host`` and ``Origin`` checks), and tells the kernels it starts
where the server's root and base URL are, so a form can link to a download.

Participants never reach this server: they get the room server of their own.
"""

from __future__ import annotations

import os
from typing import Any

# the environment the kernels inherit, named where the forms read it
from ..handout.links import BASE_URL_ENV, ROOT_ENV


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "journeylab.server"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    from . import downloads, entry, guided

    base_url = server_app.base_url
    os.environ[BASE_URL_ENV] = base_url
    os.environ[ROOT_ENV] = os.path.abspath(server_app.root_dir)
    handlers = [*entry.handlers(base_url), *guided.handlers(base_url),
                *downloads.handlers(base_url)]
    server_app.web_app.add_handlers(".*$", handlers)
    server_app.contents_manager.register_pre_save_hook(guided.keep_shipped_clean)
