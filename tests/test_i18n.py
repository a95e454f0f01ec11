"""Every message goes through the catalogues, and the catalogues match the code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.messages.pofile import read_po

from journeylab import catalogue
from journeylab.i18n import (
    LANGUAGES,
    _,
    date_hint,
    date_pattern,
    format_date,
    format_field_date,
    format_number,
    language,
    parse_field_date,
    set_language,
)

PLACEHOLDER = re.compile(r"\{(\w*)\}|%\((\w+)\)[sr]|%[sr]")


def messages(lang: str) -> dict[str, str]:
    path = catalogue.catalogue_path(lang)
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_template_holds_exactly_the_messages_of_the_code() -> None:
    in_code = {m.id for m in catalogue.extract() if m.id}
    with catalogue.TEMPLATE.open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert len(in_code) > 100
    assert in_code == committed, "run `make catalogue` to update the translation files"


def test_english_translates_every_message() -> None:
    english = messages("en")
    with catalogue.TEMPLATE.open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert set(english) == template
    assert all(english[key] == key for key in template)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    for source, translated in messages(lang).items():
        assert translated, f"{lang}: '{source}' is not translated"
        found = [match.group() for match in PLACEHOLDER.finditer(translated)]
        assert sorted(m.group() for m in PLACEHOLDER.finditer(source)) == sorted(found), \
            f"{lang}: '{source}' → '{translated}'"


def test_no_message_is_built_by_concatenating_translations() -> None:
    # every {placeholder} of a message is filled where it is used, so a translator can move it;
    # argparse's own words keep argparse's %-placeholders
    from journeylab.cli import ARGPARSE_WORDS

    for message in catalogue.extract():
        if message.id and message.id not in ARGPARSE_WORDS:
            assert "%s" not in message.id and "%(" not in message.id.replace("%(default)s", "")


def test_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'; choose one of: en, bg, ru, lv, mk"):
        set_language("de")


def test_language_block_restores_the_previous_language() -> None:
    set_language("en")
    with language("lv"):
        assert format_number(1234.5) == "1\xa0234,5"
        assert format_date(dt.date(2026, 11, 22)) == "22.11.2026"
    assert format_number(1234.5) == "1,234.5"
    assert format_date(dt.date(2026, 11, 22)) == "22 November 2026"


def test_placeholders_are_filled() -> None:
    assert _("Created {path}", path="a/b") == "Created a/b"


@pytest.mark.parametrize(("code", "pattern", "shown"), [
    ("en", "dd/MM/yyyy", "31/03/2027"), ("bg", "dd.MM.yyyy", "31.03.2027"),
    ("ru", "dd.MM.yyyy", "31.03.2027"), ("lv", "dd.MM.yyyy", "31.03.2027"),
    ("mk", "dd.MM.yyyy", "31.03.2027")])
def test_a_date_field_shows_the_languages_short_date(code, pattern, shown) -> None:
    with language(code):
        assert (date_pattern(), format_field_date(dt.date(2027, 3, 31))) == (pattern, shown)
        assert parse_field_date(shown) == dt.date(2027, 3, 31)
        assert parse_field_date("2027-03-31") == dt.date(2027, 3, 31)  # ISO in every language


@pytest.mark.parametrize("typed", ["31.3.2027", "31.03.27", "31.03.2027 г.", "31.03.2027.",
                                   "31. 03. 2027.", " 31/03/2027 ", "31-03-2027"])
def test_a_date_is_read_as_people_of_the_language_write_it(typed) -> None:
    with language("bg"):
        assert parse_field_date(typed) == dt.date(2027, 3, 31)


@pytest.mark.parametrize("typed", ["3/31/2027", "31.13.2027", "30.02.2027", "31.03",
                                   "2027.03.31", "31.03.202", "tomorrow", ""])
def test_what_is_no_date_is_refused(typed) -> None:
    with language("en"), pytest.raises(ValueError):
        parse_field_date(typed)


def test_the_date_hint_follows_the_pattern() -> None:
    with language("en"):
        assert date_hint() == "dd/mm/yyyy"
    with language("lv"):
        assert date_hint().count(".") == 2 and len(date_hint()) == len("dd.mm.yyyy")
