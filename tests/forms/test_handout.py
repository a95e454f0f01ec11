"""The handout button: one click, one file beside the workshops, a message saying where."""

from __future__ import annotations

import shutil
from pathlib import Path

from journeylab.forms.session import Session
from journeylab.forms.handout import handout, handout_button

from .conftest import ROOT, plain


def workshop_in_a_project(tmp_path: Path) -> Path:
    folder = tmp_path / "workshops" / "mortgage-journey"
    shutil.copytree(ROOT / "workshops" / "mortgage-journey", folder)
    return folder


def test_click_writes_the_handout_in_the_chosen_language(tmp_path: Path) -> None:
    form = handout(Session.open(workshop_in_a_project(tmp_path)))
    form.language.value = "lv"
    form.persona.value = "marcus"
    written = form.write()
    assert written == tmp_path / "handouts" / "mortgage-journey.html"
    page = written.read_text(encoding="utf-8")
    assert '<html lang="lv"' in page and "Marcus" in page
    assert written.with_suffix(".ipynb").exists()
    assert "Handout written in" in plain(form.message.value)
    assert str(written) in plain(form.message.value)


def test_button_at_the_end_of_each_step_uses_the_workshop_language(tmp_path: Path) -> None:
    button = handout_button(Session.open(workshop_in_a_project(tmp_path)))
    assert button.language.value == "en" and button.persona.value == ""
    button.make.click()
    assert (tmp_path / "handouts" / "mortgage-journey.html").exists()


def test_a_handout_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    form = handout(Session.open(workshop_in_a_project(tmp_path)))
    (tmp_path / "handouts").write_text("a file where the folder should be", encoding="utf-8")
    assert form.write() is None
    assert "role='alert'" in form.message.value
    assert "handouts" in plain(form.message.value)  # names the path that failed
