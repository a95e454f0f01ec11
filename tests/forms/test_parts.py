"""What every form shares on the page: one stylesheet, carried by each form."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab.forms.emotions import emotion_scoring
from journeylab.forms.evidence import evidence
from journeylab.forms.insights import insights_actions
from journeylab.forms.mapping import stage_mapping
from journeylab.forms.parts import FORM_STYLE, form_style
from journeylab.forms.personas import personas
from journeylab.forms.session import Session
from journeylab.forms.setup import setup
from journeylab.forms.touchpoints import touchpoints

from .test_fields import widgets_in

FORMS = [setup, touchpoints, personas, stage_mapping, emotion_scoring, evidence,
         insights_actions]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__)
def test_every_form_carries_the_shared_style(folder: Path, form) -> None:
    shown = form(Session.open(folder))
    assert shown.children[0] is form_style()  # first, so it is there before any part
    assert sum(w is form_style() for w in widgets_in(shown)) == 1


def test_text_areas_take_the_pages_font_in_every_form() -> None:
    assert form_style().value == FORM_STYLE
    assert ":is(.jupyter-widget-textarea, .widget-textarea) textarea {font-family: " \
        "var(--jp-ui-font-family)}" in FORM_STYLE
    assert FORM_STYLE.count("font-family:") == 1  # one rule, not one per form
