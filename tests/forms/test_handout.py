"""The handout step: downloads inside JourneyLab's server, else a button that writes the file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from journeylab.forms.handout import handout, handout_button
from journeylab.forms.session import Session
from journeylab.handout.links import BASE_URL_ENV, ROOT_ENV

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
    said = plain(form.message.value)
    assert said.startswith("The handout is ready") and said.endswith("Open")
    assert "handouts" not in said and "mortgage-journey" not in said  # no file names
    assert form.downloads.value == "" and form.make in form.children


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


# -- inside JourneyLab's server -------------------------------------------------------------

@pytest.fixture
def served(tmp_path: Path, monkeypatch) -> Path:
    """The environment a kernel of JourneyLab's server has: its base URL and root."""
    monkeypatch.setenv(BASE_URL_ENV, "/jl/")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    monkeypatch.setenv("JOURNEYLAB_CHROMIUM", shutil.which("true") or "/bin/true")
    return tmp_path


def links(form) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """The download links of a form: kind → (path, query)."""
    found = re.findall(r"<a class='journeylab-download journeylab-download-(\w+)' "
                       r"href='([^']+)' download", form.downloads.value)
    return {kind: (urlsplit(href.replace("&amp;", "&")).path,
                   parse_qs(urlsplit(href.replace("&amp;", "&")).query))
            for kind, href in found}


def test_inside_the_server_the_step_offers_downloads_instead_of_the_button(served) -> None:
    form = handout(Session.open(workshop_in_a_project(served)))
    assert links(form) == {
        "html": ("/jl/journeylab/handout/workshops/mortgage-journey.html", {"lang": ["en"]}),
        "pdf": ("/jl/journeylab/handout/workshops/mortgage-journey.pdf", {"lang": ["en"]})}
    assert form.downloads in form.children and form.make not in form.children
    assert "Download HTML" in plain(form.downloads.value)
    assert "Download PDF" in plain(form.downloads.value)


def test_the_links_follow_the_language_and_persona_chosen(served) -> None:
    form = handout(Session.open(workshop_in_a_project(served)))
    form.language.value = "bg"
    form.persona.value = "marcus"
    for kind, (_path, query) in links(form).items():
        assert query == {"lang": ["bg"], "persona": ["marcus"]}, kind
    form.persona.value = ""
    assert links(form)["html"][1] == {"lang": ["bg"]}


def test_the_button_at_the_end_of_each_step_offers_the_downloads_too(served) -> None:
    button = handout_button(Session.open(workshop_in_a_project(served)))
    assert set(links(button)) == {"html", "pdf"}
    assert list(button.children) == [button.downloads, button.message]


def test_without_chromium_the_pdf_link_says_why_instead(served, monkeypatch) -> None:
    monkeypatch.setenv("JOURNEYLAB_CHROMIUM", str(served / "no-chromium-here"))
    form = handout(Session.open(workshop_in_a_project(served)))
    assert set(links(form)) == {"html"}
    assert "Chromium is not installed" in plain(form.downloads.value)


def test_a_workshop_outside_the_servers_root_gets_the_button(served, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    form = handout(Session.open(workshop_in_a_project(elsewhere)))
    assert form.downloads.value == "" and form.make in form.children
