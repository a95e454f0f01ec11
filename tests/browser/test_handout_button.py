"""``07_handout`` in JupyterLab: one click writes the handout file."""

from __future__ import annotations

import pytest

from .helpers import poll

pytestmark = pytest.mark.browser


def test_facilitator_makes_the_handout_with_one_click(lab, page) -> None:
    lab.use_workshop("handout-test")
    lab.run_notebook(page, "notebooks/07_handout.ipynb")
    button = page.locator("button.jupyter-button:has-text('Make the handout')").first
    button.wait_for(timeout=60_000)
    button.click()
    written = lab.root / "handouts" / "handout-test.html"
    assert poll(lambda: written.exists() or None, bool, seconds=30)
    page.get_by_text("Handout written in").first.wait_for(timeout=30_000)
    assert "First-home mortgage journey" in written.read_text(encoding="utf-8")
