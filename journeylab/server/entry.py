"""Where the browser lands: ``<base_url>journeylab/`` opens the facilitator's app,
``<base_url>journeylab/lab`` the guided notebooks in JupyterLab, in the language last used.

Both are redirects behind Jupyter's authentication, so the URL the launcher opens (with its
token) and a bookmark (with the login cookie) work alike.
"""

from __future__ import annotations

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from .. import preferences
from ..guide import SOURCE_LANGUAGE, STEPS

#: The app notebook, relative to the server's root (the project folder).
APP_PATH = "notebooks/app.ipynb"


def lab_path(language_code: str | None) -> str:
    """The first guided notebook in ``language_code``, relative to the server's root."""
    if language_code in (None, SOURCE_LANGUAGE):
        return f"notebooks/{STEPS[0].slug}.ipynb"
    return f"notebooks/{language_code}/{STEPS[0].slug}.ipynb"


class AppHandler(JupyterHandler):
    """Redirect to the facilitator's app."""

    @web.authenticated
    def get(self) -> None:
        self.redirect(url_path_join(self.base_url, "voila/render", APP_PATH))


class LabHandler(JupyterHandler):
    """Redirect to the guided notebooks in JupyterLab, in the language last used."""

    @web.authenticated
    def get(self) -> None:
        path = lab_path(preferences.load()["language"])
        self.redirect(url_path_join(self.base_url, "lab/tree", path))


def handlers(base_url: str) -> list[tuple[str, type]]:
    """The routes of this module under ``base_url``."""
    return [(url_path_join(base_url, "journeylab/?"), AppHandler),
            (url_path_join(base_url, "journeylab/lab/?"), LabHandler)]
