"""``07_handout`` in JupyterLab: one click saves the handout, one file, in the downloads."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_facilitator_takes_the_handout_with_one_click(lab, page, tmp_path) -> None:
    lab.use_workshop("handout-test")
    lab.run_notebook(page, "notebooks/07_handout.ipynb")
    link = page.locator("a.journeylab-download-html").first
    link.wait_for(timeout=60_000)
    with page.expect_download(timeout=120_000) as started:
        link.click()
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)
    assert saved.name == "First-home mortgage journey.html"
    assert "First-home mortgage journey" in saved.read_text(encoding="utf-8")
    assert not (lab.root / "handouts").exists()  # nothing left beside the workshops
