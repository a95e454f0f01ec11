"""The facilitator's app: the whole workshop as one page with a step bar, forms only.

``notebooks/app.ipynb`` shows :func:`facilitator_app`; ``journeylab start`` serves it
(Voila, inside the same Jupyter server as JupyterLab) and opens the browser on it.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import preferences
from ..i18n import set_language
from .shell import FacilitatorApp
from .welcome import LanguageChoice

__all__ = ["FacilitatorApp", "facilitator_app"]


def facilitator_app(root: str = "../workshops") -> widgets.VBox:
    """The app's page: the language choice the first time, then the workshop's steps."""
    page = widgets.VBox(layout=widgets.Layout(width="100%"))

    def open_app(code: str | None = None) -> None:
        if code is not None:
            preferences.save(language=code)
        remembered = preferences.load()["language"]
        if remembered is None:
            page.children = [LanguageChoice(open_app)]
            return
        set_language(remembered)
        page.children = [FacilitatorApp(root)]

    open_app()
    return page
