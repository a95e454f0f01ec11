"""``00_start_here`` in a real JupyterLab and a real browser, as the facilitator meets it."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def demo_titles(lab) -> dict[str, str]:
    return {path.parent.name: json.loads(path.read_text(encoding="utf-8"))["title"]
            for path in sorted((lab.root / "workshops").glob("*/journey.json"))}


def test_facilitator_picks_each_demo_workshop_and_sees_its_summary(lab, page) -> None:
    titles = demo_titles(lab)
    assert len(titles) >= 2
    lab.run_notebook(page, "notebooks/00_start_here.ipynb")
    choice = page.locator(".widget-dropdown select")
    choice.wait_for(timeout=60_000)
    for folder, title in titles.items():
        choice.select_option(label=f"{title} ({folder})")
        heading = page.locator(".widget-html h2", has_text=title)
        heading.wait_for(timeout=30_000)
        assert heading.count() == 1
    # the guidance is shown, the code is not
    assert page.get_by_text("Start here: your journey-mapping workshop").count() >= 1
    assert page.locator(".jp-InputArea-editor:visible", has_text="open_workshop").count() == 0
