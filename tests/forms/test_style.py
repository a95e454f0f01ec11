"""Room mode and compact mode on real widgets: one choice per kernel, remembered per user."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances

import journeylab.forms as forms
from journeylab import preferences
from journeylab.forms import style
from journeylab.forms.style import COMPACT, ROOM, SCOPES, STYLESHEET, follow_mode, styled

ROOT = Path(__file__).parents[2]


@pytest.fixture
def person(tmp_path, monkeypatch) -> Path:
    """A user of their own, and a kernel that has not read their choice yet."""
    folder = tmp_path / "config"
    monkeypatch.setenv(preferences.CONFIG_ENV, str(folder))
    monkeypatch.setattr(style, "_mode", None)
    return folder


@pytest.fixture
def workshop(tmp_path, monkeypatch):
    folder = tmp_path / "workshops" / "mortgage-journey"
    shutil.copytree(ROOT / "workshops" / "mortgage-journey", folder)
    monkeypatch.setenv("JOURNEYLAB_WORKSHOP", str(folder))
    return forms.current_workshop()


def shown(form: widgets.Widget) -> widgets.Widget:
    """The widget a notebook draws for ``form``, as its display would."""
    bundle = form._repr_mimebundle_()
    return _instances[bundle["application/vnd.jupyter.widget-view+json"]["model_id"]]


def scope(widget: widgets.Widget) -> set[str]:
    return set(widget._dom_classes) & set(SCOPES.values())


def toggle_of(frame: widgets.Widget) -> widgets.ToggleButtons:
    (bar,) = [c for c in frame.children if "journeylab-mode-bar" in c._dom_classes]
    return bar.children[-1]


def test_a_notebook_shows_the_form_with_the_stylesheet_the_toggle_and_room_mode(
        person, workshop) -> None:
    form = forms.touchpoints(workshop)
    assert type(form).__name__ == "TouchpointsForm"  # what code and tests get stays the form
    frame = shown(form)
    assert frame.children[-1] is form and frame.form is form
    assert STYLESHEET in frame.children[0].value
    assert scope(frame) == {"journeylab-room"}  # nobody has chosen yet: the room
    assert toggle_of(frame).value == ROOM


def test_the_toggle_switches_every_form_at_once_and_is_remembered(person, workshop) -> None:
    first, second = shown(forms.personas(workshop)), shown(forms.emotion_scoring(workshop))
    app_page = follow_mode(widgets.VBox())
    toggle_of(first).value = COMPACT
    assert [scope(w) for w in (first, second, app_page)] == [{"journeylab-compact"}] * 3
    assert toggle_of(second).value == COMPACT
    assert preferences.load()["mode"] == COMPACT
    toggle_of(second).value = ROOM
    assert scope(first) == {"journeylab-room"} and preferences.load()["mode"] == ROOM


def test_a_new_kernel_starts_in_the_mode_last_chosen(person, monkeypatch) -> None:
    preferences.save(mode=COMPACT)
    assert scope(styled(widgets.VBox())) == {"journeylab-compact"}


def test_the_button_under_a_form_has_no_second_toggle(person, workshop) -> None:
    frame = shown(forms.handout_button(workshop))
    assert [type(c).__name__ for c in frame.children] == ["HTML", "HandoutButton"]
    assert scope(frame) == {"journeylab-room"}


def test_a_missing_workshop_is_still_a_message_not_a_form(person, tmp_path) -> None:
    missing = forms.current_workshop(str(tmp_path / "nowhere"))
    said = forms.touchpoints(missing)
    assert isinstance(said, widgets.HTML) and "⚠" in said.value


def test_every_rule_stays_inside_a_form_in_one_of_the_two_modes() -> None:
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.removeprefix("<style>").removesuffix("</style>"),
                 flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{[^{}]*\}", css)
                 for s in re.split(r",(?![^(]*\))", block)]
    assert len(selectors) > 30
    outside = [s for s in selectors
               if not re.search(r"journeylab-(room|compact|mode-bar)", s)]
    assert outside == []
