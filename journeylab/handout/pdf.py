"""Printing a handout to PDF with the system's Chromium, for readers who want paper."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import JourneyLabError
from ..i18n import _

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--no-pdf-header-footer"]


def find_chromium() -> str | None:
    """The Chromium to print with: ``JOURNEYLAB_CHROMIUM``, else the first on the PATH."""
    named = os.environ.get("JOURNEYLAB_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def print_pdf(html_file: Path, pdf_file: Path, timeout: float = 120) -> Path:
    """Print ``html_file`` to ``pdf_file`` (page size and breaks come from the handout's CSS)."""
    chromium = find_chromium()
    if chromium is None:
        raise JourneyLabError(_("Cannot make a PDF: Chromium is not installed. Install it "
                                "(on Debian: apt-get install chromium), or open the HTML "
                                "handout in a browser and print it to PDF from there."))
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:  # no profile or network state is kept
        result = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_file}",
             html_file.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0 or not pdf_file.exists() or pdf_file.stat().st_size == 0:
        raise JourneyLabError(_("Chromium could not print {path} to PDF.", path=html_file))
    return pdf_file
