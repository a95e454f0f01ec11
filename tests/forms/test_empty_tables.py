"""A table with nothing in it says so in words, never as a row of headers run together."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab import edit
from journeylab.forms.insights import insights_actions
from journeylab.forms.personas import personas
from journeylab.forms.session import Session
from journeylab.forms.show import html_table
from journeylab.forms.touchpoints import touchpoints
from journeylab.i18n import language
from journeylab.store import WorkshopFile

from .conftest import plain


@pytest.fixture
def session(tmp_path: Path) -> Session:
    workshop = edit.new_workshop("Нов магазин", "bg", "five-stages-service")
    return Session(WorkshopFile.create(tmp_path / "new", workshop))


def test_a_table_without_rows_says_none_yet_under_its_caption() -> None:
    shown = html_table(["Name", "Channel", "Online/offline"], [], caption="0 touchpoints")
    assert "<th" not in shown and "<table" not in shown
    assert plain(shown).split() == ["0", "touchpoints", "None", "yet."]
    assert plain(html_table(["Name"], [], empty="Nothing here.")) == "Nothing here."
    assert "<th scope='col'>Name</th>" in html_table(["Name"], [("Ann",)])


def test_the_touchpoint_table_of_a_new_workshop(session: Session) -> None:
    with language("en"):
        text = plain(touchpoints(session).table.value)
    assert "No touchpoints yet" in text
    assert "Channel" not in text and "Owning department" not in text


def test_a_filter_that_matches_nothing_says_so(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.filter.value = "no such touchpoint"
    text = plain(form.table.value)
    assert "Nothing matches the filter." in text and "Channel" not in text


def test_the_persona_table_of_a_new_workshop(session: Session) -> None:
    with language("en"):
        text = plain(personas(session).table.value)
    assert "No personas yet" in text and "Tagline" not in text


def test_the_insight_and_action_tables_of_a_new_workshop(session: Session) -> None:
    with language("en"):
        form = insights_actions(session)
        priorities, actions = plain(form.priority_table.value), plain(form.actions_table.value)
    assert "No insights yet" in priorities and "Quadrant" not in priorities
    assert "No actions yet" in actions and "Baseline" not in actions
