"""Personal data leaves customer comments as marks; ordinary numbers stay as they were."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeylab.evidence.redact import KINDS, LABELS, marks, redact, redact_all
from journeylab.i18n import LANGUAGES, _, language

CASES = Path(__file__).parent.parent / "files" / "redaction"
#: The English mark of each kind, as the module hands it to ``_()``.
MARK_MESSAGES = {"email": "[e-mail]", "phone": "[phone]", "card": "[card number]",
                 "iban": "[IBAN]"}
MINIMUM_CASES = {"email": 12, "phone": 25, "card": 12, "iban": 12, "ordinary": 40}
_MARKED = re.compile(r"(?P<before>[^⟦⟧]*)⟦(?P<item>[^⟦⟧]+)⟧(?P<after>[^⟦⟧]*)")


class Case(NamedTuple):
    """A comment of a case file with its one item of personal data."""

    kind: str
    before: str
    item: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.item + self.after

    def redacted(self) -> str:
        return self.before + _(MARK_MESSAGES[self.kind]) + self.after


def lines(name: str) -> list[str]:
    text = (CASES / f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def cases(kind: str) -> list[Case]:
    found = []
    for line in lines(kind):
        marked = _MARKED.fullmatch(line)
        assert marked, f"{kind}.txt: mark the one item with ⟦ ⟧: {line}"
        found.append(Case(kind, marked["before"], marked["item"], marked["after"]))
    return found


ITEM_CASES = [case for kind in KINDS for case in cases(kind)]
ORDINARY = lines("ordinary")


def digits_of(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


@pytest.mark.parametrize("name", list(MINIMUM_CASES))
def test_case_files_cover_enough_comments(name: str) -> None:
    assert len(lines(name)) >= MINIMUM_CASES[name]


@pytest.mark.parametrize("case", ITEM_CASES,
                         ids=[f"{case.kind}-{case.item}" for case in ITEM_CASES])
def test_item_becomes_the_mark_of_its_kind(case: Case) -> None:
    text, counts = redact(case.text)
    assert case.item not in text
    if case.kind != "email":
        assert digits_of(case.item) not in digits_of(text)
    assert _(MARK_MESSAGES[case.kind]) in text
    assert text == case.redacted()
    assert counts[case.kind] == 1
    assert all(counts[other] == 0 for other in KINDS if other != case.kind)


@pytest.mark.parametrize("comment", ORDINARY)
def test_ordinary_numbers_are_left_alone(comment: str) -> None:
    assert redact(comment) == (comment, Counter())


def test_redact_all_keeps_the_order_and_sums_the_counts() -> None:
    texts, counts = redact_all(case.text for case in ITEM_CASES + ITEM_CASES)
    assert texts == [case.redacted() for case in ITEM_CASES + ITEM_CASES]
    assert counts == Counter({kind: 2 * len(cases(kind)) for kind in KINDS})
    assert redact_all(ORDINARY) == (ORDINARY, Counter())
    assert redact_all([]) == ([], Counter())


@pytest.mark.parametrize(("comment", "is_phone"), [
    ("Номер 0888123456", True),  # ten digits starting 087-089/098/099: a Bulgarian mobile
    ("Номер 0812345678", False),
    ("Фактура 2000012345", False),  # ten digits starting 1-9: an invoice
    ("Номер 89123456789", True),  # eleven starting 89: a Russian mobile
    ("Номер 81234567890", False),
    ("Nr. 29123456", False),  # eight starting 2: Latvian only grouped or after a phone word
    ("Nr. 29 123 456", True),
    ("tālr. 29123456", True),
    ("Tel.: 29123456", True),
    ("Toll-free 1-800-123-4567", True),
    ("Цена 25 000 000 лв.", False),  # grouped like a phone, but a price
])
def test_bare_digit_runs_follow_the_documented_rules(comment: str, is_phone: bool) -> None:
    assert redact(comment)[1] == Counter(phone=int(is_phone))


def test_two_items_side_by_side_are_both_redacted() -> None:
    text, counts = redact("0888123456,0888654321 / ivan@abv.bg;maria@abv.bg")
    assert text == "[phone],[phone] / [e-mail];[e-mail]"
    assert counts == Counter(phone=2, email=2)


def test_every_kind_has_a_label_and_a_mark() -> None:
    assert KINDS == ("email", "phone", "card", "iban")
    assert set(LABELS) == set(KINDS)
    assert marks() == tuple(MARK_MESSAGES[kind] for kind in KINDS)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_marks_are_in_the_current_language(code: str) -> None:
    with language(code):
        text, _counts = redact("Тел. 0888 123 456, ivan@abv.bg, BG80 BNBG 9661 1020 3456 78, "
                               "4111 1111 1111 1111")
        expected = tuple(_(MARK_MESSAGES[kind]) for kind in ("phone", "email", "iban", "card"))
        assert text == "Тел. {}, {}, {}, {}".format(*expected)
        assert marks() == tuple(_(MARK_MESSAGES[kind]) for kind in KINDS)


# --- Properties -------------------------------------------------------------------------------
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъьюяЁёЫыЭэЃѓЌќЉљЊњЏџЅѕЈј"
_LATVIAN = "āēīūšžņļķģčĀĒĪŪŠŽŅĻĶĢČ"
_EMOJI = ["😀", "🎉", "👍🏽", "👩\u200d💻", "❤\ufe0f", "🇱🇻", "📞"]
_surroundings = st.lists(
    st.one_of(st.text(alphabet=_CYRILLIC + _LATVIAN + " ", max_size=8),
              st.sampled_from(_EMOJI), st.sampled_from([" ", "\n", ", ", "«", "»"])),
    max_size=6,
).map("".join)


@given(st.text(alphabet=st.characters(exclude_categories=("Nd", "Cs"),
                                      exclude_characters="@tT")))
def test_text_without_digits_or_at_is_unchanged(text: str) -> None:
    # no digit, no "@" and no "t", so no written-out "at" either
    assert redact(text) == (text, Counter())


@given(st.lists(st.one_of(
    st.sampled_from([case.text for case in ITEM_CASES] + ORDINARY),
    st.sampled_from([case.item for case in ITEM_CASES]),
    st.text(alphabet="0123456789 +-/().,:@abtdoAT", max_size=24),
    _surroundings,
), max_size=5).map("".join))
def test_redaction_is_idempotent(text: str) -> None:
    once, _counts = redact(text)
    assert redact(once) == (once, Counter())


@given(st.sampled_from(ITEM_CASES), _surroundings,
       st.sampled_from([" ", "\n", "🙂", " — ", "«"]), st.sampled_from([", ", "\n", " 🙂", "»"]),
       _surroundings)
def test_text_around_an_item_is_kept(case: Case, before: str, opening: str, closing: str,
                                     after: str) -> None:
    text, counts = redact(before + opening + case.text + closing + after)
    assert text == before + opening + case.redacted() + closing + after
    assert counts == Counter({case.kind: 1})
