"""Which folders the handout download serves, the names it saves under, what it sends."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from journeylab.errors import JourneyLabError
from journeylab.server.downloads import (
    NotAWorkshop,
    content_disposition,
    file_name,
    make_handout,
    workshop_folder,
)
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "workshops" / "mortgage-journey"


@pytest.fixture
def served(tmp_path: Path) -> Path:
    """A server root with one workshop, and a workshop beside the root (outside it)."""
    root = tmp_path / "project"
    shutil.copytree(DEMO, root / "workshops" / "mortgage-journey")
    shutil.copytree(DEMO, tmp_path / "outside")
    (root / "workshops" / "empty").mkdir()
    return root


def test_a_workshop_folder_inside_the_root_is_found(served) -> None:
    assert workshop_folder(served, "workshops/mortgage-journey") == \
        (served / "workshops" / "mortgage-journey").resolve()


@pytest.mark.parametrize("relative", [
    "", "/", "..", "../outside", "workshops/../../outside", "workshops/./mortgage-journey",
    "workshops/mortgage-journey/..", "/etc", "workshops\\mortgage-journey", ".git",
    "workshops/.current", "workshops/empty", "workshops/nowhere", "workshops",
    "workshops/mortgage-journey/journey.json", "workshops/mortgage-journey\x00",
])
def test_anything_else_is_not_a_workshop(served, relative) -> None:
    with pytest.raises(NotAWorkshop):
        workshop_folder(served, relative)


def test_a_link_that_leads_out_of_the_root_is_refused(served, tmp_path) -> None:
    (served / "workshops" / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    with pytest.raises(NotAWorkshop):
        workshop_folder(served, "workshops/linked")


def test_a_workshop_file_that_links_out_of_the_root_is_refused(served, tmp_path) -> None:
    folder = served / "workshops" / "borrowed"
    folder.mkdir()
    (folder / "journey.json").symlink_to(tmp_path / "outside" / "journey.json")
    with pytest.raises(NotAWorkshop):
        workshop_folder(served, "workshops/borrowed")


def test_a_link_within_the_root_is_followed(served) -> None:
    (served / "workshops" / "alias").symlink_to(served / "workshops" / "mortgage-journey",
                                                target_is_directory=True)
    assert workshop_folder(served, "workshops/alias").name == "mortgage-journey"


def test_the_refusal_names_the_address_not_a_folder_on_disk(served) -> None:
    with pytest.raises(NotAWorkshop) as refused:
        workshop_folder(served, "../outside")
    assert str(refused.value) == "There is no workshop at ../outside."


# -- names -----------------------------------------------------------------------------------

def test_the_file_is_named_after_the_workshop_persona_and_other_language() -> None:
    workshop = load_workshop(DEMO)
    assert file_name(workshop, "html", None, None) == f"{workshop.title}.html"
    marcus = next(p.name for p in workshop.personas if p.id == "marcus")
    assert file_name(workshop, "pdf", "en", "marcus") == f"{workshop.title} – {marcus}.pdf"
    assert file_name(workshop, "html", "lv", None) == f"{workshop.title} (Latviešu).html"


def test_characters_a_file_system_refuses_are_left_out() -> None:
    workshop = load_workshop(DEMO).model_copy(update={
        "title": 'Онлайн магазин: "Q1/Q2" <2027>?\n'})
    assert file_name(workshop, "pdf", None, None) == "Онлайн магазин Q1 Q2 2027.pdf"
    untitled = workshop.model_copy(update={"title": ' ... /// '})
    assert file_name(untitled, "html", None, None) == "handout.html"


def test_the_name_is_sent_in_utf_8_with_a_plain_name_for_old_browsers() -> None:
    header = content_disposition("Онлайн магазин – Мария.pdf", "elektronika-online")
    disposition, plain, encoded = (part.strip() for part in header.split(";"))
    assert disposition == "attachment"
    assert plain == 'filename="elektronika-online.pdf"'
    assert encoded.startswith("filename*=UTF-8''")
    assert unquote(encoded.removeprefix("filename*=UTF-8''")) == "Онлайн магазин – Мария.pdf"
    assert content_disposition("Пътят.html", "път").split(";")[1].strip() == \
        'filename="handout.html"'


# -- what is sent ----------------------------------------------------------------------------

def test_the_download_is_the_handout_in_the_language_asked(served) -> None:
    download = make_handout(served, "workshops/mortgage-journey", "html", "bg", "marcus")
    page = download.content.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="bg"' in page
    assert "Marcus" in page and "<script" not in page.lower()
    assert download.name.endswith("tradesman (Български).html")
    assert not (served / "handouts").exists()  # nothing is written beside the workshops


def test_a_persona_the_workshop_does_not_have_is_refused_in_words(served) -> None:
    with pytest.raises(JourneyLabError, match="unknown persona 'nobody'"):
        make_handout(served, "workshops/mortgage-journey", "html", None, "nobody")


def test_the_workshop_is_read_as_saved(served) -> None:
    journey = served / "workshops" / "mortgage-journey" / "journey.json"
    data = json.loads(journey.read_text(encoding="utf-8"))
    data["title"] = "Renamed a moment ago"
    journey.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    download = make_handout(served, "workshops/mortgage-journey", "html", None, None)
    assert download.name == "Renamed a moment ago.html"


def test_without_chromium_the_pdf_is_refused_in_words(served, monkeypatch) -> None:
    monkeypatch.setenv("JOURNEYLAB_CHROMIUM", str(served / "no-chromium-here"))
    with pytest.raises(JourneyLabError, match="Chromium is not installed"):
        make_handout(served, "workshops/mortgage-journey", "pdf", None, None)
