"""A persona's motto: the quotes typed around it come off, the language's own go on once."""

from __future__ import annotations

import pytest

from journeylab.i18n import language
from journeylab.motto import bare, quoted


@pytest.mark.parametrize("typed", [
    "Искам да говоря с човек", "„Искам да говоря с човек“", "„„Искам да говоря с човек““",
    '"Искам да говоря с човек"', "'Искам да говоря с човек'", "«Искам да говоря с човек»",
    "“Искам да говоря с човек”", "‘Искам да говоря с човек’", "‚Искам да говоря с човек‘",
    "  „ Искам да говоря с човек “  ", "«„Искам да говоря с човек“»",
])
def test_typed_quotes_come_off(typed: str) -> None:
    assert bare(typed) == "Искам да говоря с човек"


def test_quotes_inside_stay() -> None:
    assert bare("„Не“ е отговор, а „да“ — въпрос") == "„Не“ е отговор, а „да“ — въпрос"
    assert bare("I'm fine") == "I'm fine"
    assert bare('"') == '"' and bare("") == ""


@pytest.mark.parametrize(("code", "shown"), [
    ("en", "“I just want a person”"), ("bg", "„I just want a person“"),
    ("ru", "«I just want a person»"), ("lv", "„I just want a person”"),
    ("mk", "„I just want a person“"),
])
def test_each_language_quotes_once_with_its_own_marks(code: str, shown: str) -> None:
    with language(code):
        assert quoted("„„I just want a person““") == shown
        assert quoted('"I just want a person"') == shown
    assert quoted("I just want a person", code) == shown


def test_an_empty_motto_gets_no_quotes() -> None:
    assert quoted("") == "" and quoted(" „“ ") == ""
