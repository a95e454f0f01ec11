"""``06_insights_actions`` in a real JupyterLab and a real browser, as the facilitator meets it."""

from __future__ import annotations

import time

import pytest

from journeylab.priorities import candidate_insights
from journeylab.store import load_workshop

from .conftest import ARTIFACTS
from .helpers import journey, poll

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/06_insights_actions.ipynb"
ACTION = "Show the real borrowing range on the first screen"


def titled(items: list[dict], title: str) -> dict | None:
    return next((item for item in items if item["title"] == title), None)


def snapshot(page, part, name: str) -> None:
    """Keep a picture of ``part`` of the form as the room sees it, beside the page's own."""
    part.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"insights_actions-{name}.png"))


def test_facilitator_turns_a_map_card_into_an_insight_and_plans_an_action(lab, page) -> None:
    folder = lab.use_workshop("browser-insights", source="mortgage-journey")
    candidate = candidate_insights(load_workshop(folder))[0]
    # a workspace of its own, so notebooks of earlier tests do not shadow this one
    lab.run_notebook(page, NOTEBOOK)
    form = page.locator(".journeylab-insights")
    first = form.locator(".journeylab-candidate").first
    first.locator("button", has_text="Add as insight").wait_for(timeout=60_000)
    assert candidate.text[:30] in first.inner_text()

    # one click makes the card an insight, with its stage and persona
    first.locator("button", has_text="Add as insight").click()
    data = poll(lambda: journey(folder), lambda d: titled(d["insights"], candidate.title))
    insight = titled(data["insights"], candidate.title)
    assert insight is not None, "the card did not become an insight"
    assert (insight["kind"], insight["stage"], insight["persona"], insight["votes"]) == (
        candidate.kind.value, candidate.stage, candidate.persona, 0)
    first.locator("button", has_text="Added").wait_for(timeout=10_000)

    # the new insight is selected, and has a row of its own to vote on: two dots
    editor = form.locator(".journeylab-insights-editor")
    editor.locator("select option:checked", has_text=candidate.title).wait_for(timeout=10_000)
    dots = form.locator(f".journeylab-dots-{insight['id']}")
    dots.locator(".journeylab-dot-plus").click()
    dots.get_by_text("1", exact=True).wait_for(timeout=10_000)
    dots.locator(".journeylab-dot-plus").click()
    data = poll(lambda: journey(folder),
                lambda d: titled(d["insights"], candidate.title)["votes"] == 2)
    assert titled(data["insights"], candidate.title)["votes"] == 2
    dots.get_by_text("2", exact=True).wait_for(timeout=10_000)
    form.locator(".journeylab-dots-total", has_text="Dots used").wait_for(timeout=10_000)
    editor.locator("select option", has_text=f"▲2 {candidate.title}").wait_for(timeout=10_000)
    table = form.locator(".journeylab-priority-table")
    assert candidate.title in table.inner_text()
    snapshot(page, form.locator(".journeylab-candidates"), "1-from-the-map")
    snapshot(page, editor, "2-insights")
    snapshot(page, form.locator(".journeylab-dot-voting"), "2-dots")
    snapshot(page, form.locator(".journeylab-matrix"), "3-matrix")
    snapshot(page, table, "4-priorities")

    # an action: title with Enter, then owner, KPI and target, each left with Tab
    actions = form.locator(".journeylab-actions-editor")
    new_action = actions.locator("input[placeholder^='New']")
    new_action.fill(ACTION)
    new_action.press("Enter")
    data = poll(lambda: journey(folder), lambda d: titled(d["actions"], ACTION))
    assert titled(data["actions"], ACTION) is not None
    actions.locator("select option:checked", has_text=ACTION).wait_for(timeout=10_000)
    for field, typed in (("owner", "Priya Shah (Digital)"), ("kpi", "Conversion rate"),
                         ("target", "4,5")):
        box = actions.locator(f".journeylab-field-{field} input")
        box.fill(typed)
        box.press("Tab")
        time.sleep(0.3)

    # a baseline that is no number: the message beside it, nothing saved
    baseline = actions.locator(".journeylab-field-baseline input")
    baseline.fill("about half")
    baseline.press("Tab")
    actions.locator(".journeylab-field-baseline", has_text="must be a number") \
        .wait_for(timeout=10_000)
    snapshot(page, actions, "5-action-plan")

    # the insight it answers
    actions.locator(".journeylab-field-insights").get_by_label(candidate.title).check()
    data = poll(lambda: journey(folder),
                lambda d: titled(d["actions"], ACTION)["insights"] == [insight["id"]])
    saved = titled(data["actions"], ACTION)
    assert (saved["owner"], saved["kpi"], saved["target"], saved["baseline"],
            saved["insights"]) == ("Priya Shah (Digital)", "Conversion rate", 4.5, None,
                                   [insight["id"]])
    plan = form.locator(".journeylab-actions-table")
    plan.locator("td", has_text="Priya Shah (Digital)").wait_for(timeout=10_000)
    assert candidate.title in plan.inner_text()
    form.locator(".journeylab-kpi-chart").scroll_into_view_if_needed()
