"""The first page a new facilitator meets: which language the workshop speaks.

Shown once per person (the choice is remembered in :mod:`journeylab.preferences`); every
language's name and the question are written in that language, so anyone finds their own.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from ..i18n import LANGUAGES, _, language


class LanguageChoice(widgets.VBox):
    """Five buttons, one per language, each asking in its own words."""

    def __init__(self, on_chosen: Callable[[str], None]) -> None:
        super().__init__()
        self.add_class("journeylab-language-choice")
        self.buttons: dict[str, widgets.Button] = {}
        questions = []
        for code, native in LANGUAGES.items():
            with language(code):
                questions.append(f"<span lang='{code}'>{html.escape(_('Choose a language'))}"
                                 "</span>")
            button = widgets.Button(description=native, layout=widgets.Layout(width="auto"))
            button.add_class(f"journeylab-language-{code}")
            button.on_click(lambda _b, code=code: on_chosen(code))
            self.buttons[code] = button
        heading = widgets.HTML("<h1 class='journeylab-app-title'>JourneyLab</h1><p>"
                               + " · ".join(questions) + "</p>")
        self.children = [heading, widgets.HBox(list(self.buttons.values()),
                                               layout=widgets.Layout(flex_flow="row wrap"))]
