"""The handout step in JupyterLab, inside the facilitator's server: the downloads save files.

A real server started as ``journeylab start`` starts it, the guided ``07_handout`` notebook
run in a real JupyterLab, and Chromium's own downloads: the HTML is one file that opens
with no network at all, the PDF has the pages the handout prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .app_server import AppServer, app_server, copy_project
from .conftest import ARTIFACTS, Lab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "notebooks/07_handout.ipynb"
WORKSHOP = "downloads-test"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> AppServer:
    root = copy_project(tmp_path_factory.mktemp("downloads"))
    with app_server(root, "--LabApp.expose_app_in_browser=True",
                    f"--LabApp.workspaces_dir={root / '.workspaces'}") as running:
        yield running


@pytest.fixture
def handout_step(server, page):
    """The handout step open in JupyterLab, its form drawn."""
    lab = Lab(server.root, server.port, server.token)
    lab.use_workshop(WORKSHOP)
    lab.run_notebook(page, NOTEBOOK)
    page.locator(".journeylab-download-html").wait_for(timeout=60_000)
    return page


def download(page, kind: str, folder: Path) -> Path:
    """Click the link of ``kind`` and keep the file the browser saved, under its name."""
    with page.expect_download(timeout=120_000) as started:
        page.locator(f".journeylab-download-{kind}").click()
    saved = started.value
    assert saved.failure() is None
    target = folder / saved.suggested_filename
    saved.save_as(target)
    return target


def pdf_pages(pdf: Path) -> int:
    """The number of pages of ``pdf``: ``pdfinfo`` where poppler is installed, else its page
    objects counted."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_download_html_saves_a_handout_that_opens_offline(handout_step, browser,
                                                          tmp_path) -> None:
    page = handout_step
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".journeylab-handout").screenshot(path=str(ARTIFACTS / "downloads-step.png"))
    saved = download(page, "html", tmp_path)
    assert saved.name == "First-home mortgage journey.html"

    offline = browser.new_context()
    asked: list[str] = []

    def refuse(route) -> None:  # the file itself is read from disk; nothing else may load
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
            return
        asked.append(route.request.url)
        route.abort()

    offline.route("**/*", refuse)
    try:
        handout = offline.new_page()
        handout.goto(saved.as_uri(), wait_until="load")
        shown = handout.evaluate("""() => {
            const map = document.querySelector('.celltag_jl-map img');
            return {map: !!map && map.complete && map.naturalWidth > 0,
                    title: document.title, lang: document.documentElement.lang,
                    scripts: document.querySelectorAll('script').length};
        }""")
        handout.screenshot(path=str(ARTIFACTS / "downloads-offline-handout.png"))
    finally:
        offline.close()
    assert shown == {"map": True, "title": "First-home mortgage journey", "lang": "en",
                     "scripts": 0}
    assert asked == []


def test_download_pdf_has_the_pages_the_handout_prints(handout_step, browser,
                                                       tmp_path) -> None:
    page = handout_step
    page.locator(".journeylab-handout select").first.select_option(label="Latviešu")
    page.locator(".journeylab-download-pdf[href*='lang=lv']").wait_for(timeout=30_000)
    pdf = download(page, "pdf", tmp_path)
    assert pdf.name == "First-home mortgage journey (Latviešu).pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")

    html = download(page, "html", tmp_path)  # the same handout, printed by the browser
    printing = browser.new_context()
    try:
        handout = printing.new_page()
        handout.goto(html.as_uri(), wait_until="load")
        printed = tmp_path / "printed.pdf"
        handout.pdf(path=str(printed), prefer_css_page_size=True)
    finally:
        printing.close()
    assert pdf_pages(pdf) == pdf_pages(printed) > 1
