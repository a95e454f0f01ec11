"""The blank A3 canvas for paper workshops, for every framework, in HTML and PDF."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeylab.cli import main
from journeylab.handout.canvas import canvas_html
from journeylab.handout.pdf import find_chromium, print_pdf
from journeylab.i18n import _, language
from journeylab.presets import FRAMEWORKS

PRESETS = [name for name in FRAMEWORKS if name != "custom"]


class Cells(HTMLParser):
    """Collects the column headings, row headings and tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.columns: list[str] = []
        self.rows: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        scope = dict(attrs).get("scope")
        if tag == "th":
            self._in = scope
            (self.columns if scope == "col" else self.rows).append("")

    def handle_endtag(self, tag):
        if tag == "th":
            self._in = None

    def handle_data(self, data):
        if self._in == "col":
            self.columns[-1] += data
        elif self._in == "row":
            self.rows[-1] += data


@pytest.mark.parametrize("framework", PRESETS)
@pytest.mark.parametrize("lang", ["en", "lv"])
def test_canvas_has_a_column_per_stage_and_empty_lanes(framework, lang) -> None:
    page = Cells()
    page.feed(canvas_html(framework, lang))
    with language(lang):
        expected = [name for _id, name in FRAMEWORKS[framework].stage_names()]
    assert page.columns[1:] == expected
    with language(lang):
        touchpoints = _("Touchpoints")
    assert len(page.rows) == 7 and page.rows[0] == touchpoints
    assert "script" not in page.tags and "img" not in page.tags


def test_canvas_page_is_a3_landscape_offline_and_in_the_room_language() -> None:
    page = canvas_html("six-phases", "bg")
    assert "<html lang='bg'>" in page and "size: A3 landscape" in page
    assert "Content-Security-Policy" in page and "http" not in page.replace(
        "http-equiv", "")


def test_command_line_writes_the_canvas_and_refuses_unknown_frameworks(tmp_path, capsys) -> None:
    out = tmp_path / "canvas.html"
    assert main(["canvas", "--framework", "five-stages-research", "--lang", "lv",
                 "-o", str(out)]) == 0
    assert "<html lang='lv'>" in out.read_text(encoding="utf-8")
    assert main(["canvas", "--framework", "nine-stages", "-o", str(tmp_path / "x.html")]) == 1
    assert "unknown stage framework 'nine-stages'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize("framework", PRESETS)
def test_canvas_prints_to_pdf(framework, tmp_path) -> None:
    if find_chromium() is None:
        if os.environ.get("JOURNEYLAB_REQUIRE_BROWSER") == "1":
            pytest.fail("PDF printing must be tested here, but Chromium is not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    html = tmp_path / "canvas.html"
    html.write_text(canvas_html(framework, "en"), encoding="utf-8")
    pdf = print_pdf(html, tmp_path / "canvas.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_pdf_without_chromium_says_what_to_do(tmp_path, monkeypatch) -> None:
    from journeylab.errors import JourneyLabError

    monkeypatch.setenv("JOURNEYLAB_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(JourneyLabError, match="Chromium is not installed"):
        print_pdf(Path(tmp_path / "a.html"), tmp_path / "a.pdf")
