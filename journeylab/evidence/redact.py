"""Personal data kept out of customer comments: e-mails, phone numbers, cards and IBANs.

Comments from survey exports are redacted on import, before they reach the workshop, a
chart or a handout. Each e-mail address, phone number, payment card number and IBAN is
replaced by a mark such as "[phone]" in the workshop's language, and the import reports how
many of each were removed. Prices, dates, times, order and invoice numbers, postcodes and
ratings are left as they were: a number is redacted only when its shape (and, for cards and
IBANs, its check digits) says it is one of the four kinds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import accumulate

from ..i18n import N_, _

#: The kinds of personal data redacted, in the order a report lists them.
KINDS = ("email", "phone", "card", "iban")
#: What a report calls each kind, whatever the count.
LABELS = {
    "email": N_("e-mail address"),
    "phone": N_("phone number"),
    "card": N_("payment card number"),
    "iban": N_("IBAN"),
}
_MARKS = {
    "email": N_("[e-mail]"),
    "phone": N_("[phone]"),
    "card": N_("[card number]"),
    "iban": N_("[IBAN]"),
}

_Span = tuple[int, int]
#: Finds the items of one kind in a candidate match: their spans in the text, in order.
_Finder = Callable[[str, re.Match[str]], list[_Span]]


def marks() -> tuple[str, ...]:
    """The marks that replace personal data, in the current language, in :data:`KINDS` order."""
    return tuple(_(_MARKS[kind]) for kind in KINDS)


# --- E-mail addresses -------------------------------------------------------------------------
# Letters of any script are allowed (иван@пример.бг); the top-level domain is letters or
# punycode. Written-out forms: "ivan [at] abv.bg", "ivan(at)abv.bg", "ivan at mail dot bg".
# With a bare " at " every dot must be written out too ("dot", "[dot]"), so that an ordinary
# sentence ("we met at home.Then") is never taken for an address.
_LOCAL = r"(?<![\w.%+-])[\w%+-]+(?:\.[\w%+-]+)*"
_LABEL = r"[^\W_][\w-]*"
_TLD = r"(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{2,59})(?![\w-])"


def _bracketed(word: str) -> str:
    return rf"\s*[\[({{]\s*(?i:{word})\s*[\])}}]\s*"


_DOT_WORD = rf"(?:{_bracketed('dot')}|\s+(?i:dot)\s+)"
_ANY_DOT = rf"(?:\.|{_DOT_WORD})"
_EMAIL = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+{_TLD}")
# "ivan dot petrov at gmail dot com": a few dots of the local part may be written out too.
_WRITTEN_OUT_LOCAL = rf"{_LOCAL}(?:{_DOT_WORD}[\w%+-]+(?:\.[\w%+-]+)*){{0,3}}"
_WRITTEN_OUT_EMAIL = re.compile(
    rf"{_WRITTEN_OUT_LOCAL}(?:{_bracketed('at')}{_LABEL}(?:{_ANY_DOT}{_LABEL})*?"
    rf"{_ANY_DOT}{_TLD}|\s+(?i:at)\s+{_LABEL}(?:{_DOT_WORD}{_LABEL})*?{_DOT_WORD}{_TLD})"
)


def _may_hold_written_out_email(text: str) -> bool:
    lowered = text.lower()
    return "at" in lowered and ("dot" in lowered or "]" in text or ")" in text or "}" in text)


def _whole_match(text: str, match: re.Match[str]) -> list[_Span]:
    return [match.span()]


# --- Numbers in general -----------------------------------------------------------------------
# Every phone, card and IBAN number holds seven digits in a row, split at most by spaces,
# dashes, slashes or parentheses: a text without them is not searched for numbers.
_SEVEN_DIGITS = r"[0-9](?:[ \t\u00a0()/–-]*[0-9]){6}"


# --- IBANs ------------------------------------------------------------------------------------
# Country, two check digits, 11-30 letters and digits, written whole or in groups of four.
_IBAN = re.compile(
    r"(?<![^\W_])[A-Za-z]{2}[0-9]{2}(?:[ \u00a0]?[A-Za-z0-9]{4}){2,7}"
    r"(?:[ \u00a0]?[A-Za-z0-9]{1,4})?(?![^\W_])"
)
#: IBAN lengths of the countries customers mostly bank in; others may have 15 to 34 characters.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BY": 28, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18,
    "FR": 27, "GB": 22, "GE": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26,
    "IT": 27, "KZ": 20, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "RS": 22, "SE": 24,
    "SI": 19, "SK": 24, "TR": 26, "UA": 29, "XK": 20,
}


def is_iban(compact: str) -> bool:
    """Whether ``compact`` (no spaces, upper case) is an IBAN: its country's length and
    the ISO 13616 mod-97 check."""
    expected = _IBAN_LENGTHS.get(compact[:2])
    if not (len(compact) == expected if expected else 15 <= len(compact) <= 34):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _find_iban(text: str, match: re.Match[str]) -> list[_Span]:
    # A following word or number of four characters may have been taken for a last group:
    # the longest valid IBAN ending at a group boundary wins.
    written = match.group()
    group_ends = [at for at in range(len(written) - 1, 0, -1) if written[at] in " \xa0"]
    for length in [len(written), *group_ends]:
        if is_iban(written[:length].replace(" ", "").replace("\xa0", "").upper()):
            return [(match.start(), match.start() + length)]
    return []


# --- Payment cards ----------------------------------------------------------------------------
# 13-19 digits starting with 2-6 (the payment networks), whole, in groups of four (with up to
# three more digits) or grouped 4-6-5 / 4-6-4; only numbers that pass the Luhn check.
_CARD = re.compile(
    r"(?<![\w+])(?<![0-9][.,/-])(?:[2-6][0-9]{12,18}"
    r"|[2-6][0-9]{3}(?P<sep>[ \u00a0-])[0-9]{4}(?:(?P=sep)[0-9]{4}){1,2}(?:(?P=sep)[0-9]{1,3})?"
    r"|[2-6][0-9]{3}(?P<sep2>[ \u00a0-])[0-9]{6}(?P=sep2)[0-9]{4,5})(?!\w)"
)
_DIGITS = re.compile(r"[0-9]+")


def passes_luhn(digits: str) -> bool:
    """Whether ``digits`` pass the Luhn check of payment card numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _find_card(text: str, match: re.Match[str]) -> list[_Span]:
    # Digits after the card (an expiry month, "12/27") may have been taken for a last group.
    groups = list(_DIGITS.finditer(text, *match.span()))
    for last in range(len(groups), 0, -1):
        digits = "".join(group.group() for group in groups[:last])
        if 13 <= len(digits) <= 19 and passes_luhn(digits):
            return [(match.start(), groups[last - 1].end())]
    return []


# --- Phone numbers ----------------------------------------------------------------------------
# A candidate is a run of digit groups joined by spaces, dashes or slashes, with area codes in
# parentheses and an optional leading "+". It may not continue a word, a code (LV-1050,
# ORD-2026-...), a decimal or a time, and may not be followed by a letter or "%". Which part
# of a candidate is a phone number is decided by _phone_end() below.
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+#№])(?<!\w[-/])(?<![0-9][.,:])"
    rf"(?=\+?[ \u00a0(]*{_SEVEN_DIGITS})(?:\+[ \u00a0]?)?\(?[0-9]+\)?"
    r"(?:(?:[ \t\u00a0]*[-–/][ \t\u00a0]*|[ \t\u00a0]+|(?<=\))|(?=\())\(?[0-9]+\)?)*"
    r"(?![\w%])(?![.,][0-9]{1,2}(?![0-9]))"
)
_PHONE_TOKEN = re.compile(r"\(([0-9]+)\)|[0-9]+")
_SPACE = re.compile(r"[ \t\u00a0]")
_PHONE_WORD_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:tel|тел|tālr|talr|mob|моб|gsm|phone|call|cell|viber|whatsapp|тлф)\w*"
    r"\.?[ \t\u00a0]*[:\-–]?[ \t\u00a0]*$"
)
_CURRENCY_AFTER = re.compile(
    r"(?i)[ \u00a0]?(?:лв|лев|bgn|руб|р\.|rub|₽|ден|mkd|eur|евро|euro|eiro|€|\$|usd|£|gbp)"
)
#: "00", a country code and 15 digits: the longest phone number written.
_MOST_PHONE_DIGITS = 17
_BULGARIAN_MOBILE = re.compile(r"0(?:8[7-9]|9[89])[0-9]{7}")
#: Lengths of the national number after the country codes most seen in the comments.
_NATIONAL_LENGTHS = {
    "1": (10, 10), "7": (10, 10), "30": (10, 10), "31": (9, 9), "32": (8, 9), "33": (9, 9),
    "34": (9, 9), "36": (8, 9), "39": (6, 11), "40": (9, 9), "41": (9, 9), "43": (4, 13),
    "44": (9, 10), "45": (8, 8), "46": (7, 9), "47": (8, 8), "48": (9, 9), "49": (6, 13),
    "90": (10, 10), "351": (9, 9), "353": (7, 9), "355": (8, 9), "358": (5, 12),
    "359": (8, 9), "370": (8, 8), "371": (8, 8), "372": (7, 8), "373": (8, 8), "374": (8, 8),
    "375": (9, 9), "380": (9, 9), "381": (8, 9), "382": (8, 8), "385": (8, 9), "386": (8, 8),
    "387": (8, 8), "389": (8, 8), "420": (9, 9), "421": (9, 9),
}


def _is_international(digits: str, plus: bool) -> bool:
    """``digits`` after "+" or "00": a known country code and a national number of its length;
    after "+", any other code with 8 to 15 digits in all."""
    if not digits or digits[0] == "0":
        return False
    for size in (1, 2, 3):
        lengths = _NATIONAL_LENGTHS.get(digits[:size])
        if lengths:
            national = digits[size:]
            national = national[1:] if national.startswith("0") else national  # +44 (0)20 ...
            return lengths[0] <= len(national) <= lengths[1]
    return plus and 8 <= len(digits) <= 15


def _has_local_shape(number: str, groups: list[str], parenthesised: bool) -> bool:
    """Whether ``number``, written without a country code in digit ``groups``, is a phone
    number whatever the words before it.

    Rules for bare runs of digits: ten digits starting 087-089/098/099 are a Bulgarian mobile
    in any grouping; eleven starting 89 a Russian mobile and 07 a UK mobile. An eight-digit run
    starting with 2 is a Latvian mobile only grouped "29 123 456" (or after a phone word, see
    _phone_end). Other bare runs (invoice, tracking and order numbers) are left alone.
    """
    size = len(number)
    sizes = [len(group) for group in groups]
    grouped = len(groups) > 1
    if _BULGARIAN_MOBILE.fullmatch(number):
        return True
    if size == 11 and number[0] == "8" and number[1] in "3456789":  # 8 (912) 345-67-89
        return grouped or number[1] == "9"
    if size == 11 and number[0] == "0" and number[1] != "0":  # 020 7946 0958, 07700 900123
        return grouped or number[1] == "7"
    if parenthesised and 2 <= sizes[0] <= 5 and 9 <= size <= 11:  # (495) 123-45-67
        return True
    if sizes == [3, 3, 4] and number[0] not in "01":  # 555-123-4567
        return True
    if sizes == [1, 3, 3, 4] and number[0] == "1":  # 1-800-123-4567
        return True
    if size == 9 and number[0] == "0" and number[1] != "0" and grouped and sizes[0] in (2, 3):
        return True  # 02 987 6543, 032 123 456, 070 123 456, 075/123-456
    return sizes == [2, 3, 3] and number[0] == "2"  # 29 123 456


def _after_phone_word(text: str, start: int) -> bool:
    return bool(_PHONE_WORD_BEFORE.search(text, max(0, start - 24), start))


def _is_price(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2):start].rstrip()
    return bool(_CURRENCY_AFTER.match(text, end)) or (before != "" and before[-1] in "€$£")


def _find_phones(text: str, match: re.Match[str]) -> list[_Span]:
    """Phone numbers among the digit groups of a candidate, each the longest one possible.

    A phone number may start at the first group, right after another phone number, or at a
    group set off by a space ("поръчка 12 0888 123 456"); "+" and "00" start one with a
    country code.
    """
    plus = text[match.start()] == "+"
    tokens = list(_PHONE_TOKEN.finditer(text, *match.span()))
    groups = [token.group(1) or token.group() for token in tokens]
    offsets = list(accumulate(map(len, groups), initial=0))
    digits = "".join(groups)
    spans: list[_Span] = []
    first, may_start = 0, True
    while first < len(tokens):
        if may_start or _SPACE.search(text, tokens[first - 1].end(), tokens[first].start()):
            last = _phone_end(text, tokens, groups, digits, offsets, first, plus and first == 0)
            if last:
                start = match.start() if plus and first == 0 else tokens[first].start()
                spans.append((start, tokens[last - 1].end()))
                first, may_start = last, True
                continue
        first, may_start = first + 1, False
    return spans


def _phone_end(text: str, tokens: list[re.Match[str]], groups: list[str], digits: str,
               offsets: list[int], first: int, plus: bool) -> int:
    """The index after the last group of the longest phone number starting at group ``first``,
    or 0 if none does."""
    start = tokens[first].start()
    parenthesised = tokens[first].group(1) is not None
    after_phone_word: bool | None = None  # looked up once, when a shape needs it
    longest = bisect_right(offsets, offsets[first] + _MOST_PHONE_DIGITS) - 1
    for last in range(longest, first, -1):
        size = offsets[last] - offsets[first]
        if size < 7:
            return 0
        number = digits[offsets[first]:offsets[last]]
        if plus or number.startswith("00"):
            if _is_international(number if plus else number[2:], plus):
                return last
            continue
        found = _has_local_shape(number, groups[first:last], parenthesised)
        if not found and size <= 13:
            if after_phone_word is None:
                after_phone_word = _after_phone_word(text, start)
            found = after_phone_word
        if found and not _is_price(text, start, tokens[last - 1].end()):
            return last
    return 0


# --- Redaction --------------------------------------------------------------------------------
_NUMBER_PASSES: tuple[tuple[str, re.Pattern[str], _Finder], ...] = (
    ("iban", _IBAN, _find_iban),
    ("card", _CARD, _find_card),
    ("phone", _PHONE_CANDIDATE, _find_phones),
)
_NUMBER_GATE = re.compile(_SEVEN_DIGITS)
#: One scan sets most comments aside: those without "@", "at" or seven digits close together.
_WORTH_A_LOOK = re.compile(rf"@|[aA][tT]|{_SEVEN_DIGITS}")


def _replace(text: str, pattern: re.Pattern[str], find: _Finder, kind: str
             ) -> tuple[str, int]:
    # After an item the search goes on in the rest of the text on its own, as it would after
    # the mark: a number right after another item ("0888123456,0888654321") is not taken for
    # the end of a longer number.
    pieces: list[str] = []
    rest, searched_until, count = text, 0, 0
    while match := pattern.search(rest, searched_until):
        spans = find(rest, match)
        if not spans:
            searched_until = match.end()
            continue
        kept_until = 0
        for start, end in spans:
            pieces += [rest[kept_until:start], _(_MARKS[kind])]
            kept_until = end
        count += len(spans)
        rest, searched_until = rest[kept_until:], 0
    if not count:
        return text, 0
    pieces.append(rest)
    return "".join(pieces), count


def _redact_into(text: str, counts: Counter[str]) -> str:
    # Rounds repeat until one finds nothing: an item right after one of a kind redacted
    # later ("4111111111111111-0888123456") is recognised once its neighbour is a mark. Each
    # round that finds something removes an "@", an "at" or digits, and marks hold none.
    while _WORTH_A_LOOK.search(text):
        passes: list[tuple[str, re.Pattern[str], _Finder]] = []
        if "@" in text:
            passes.append(("email", _EMAIL, _whole_match))
        if _may_hold_written_out_email(text):
            passes.append(("email", _WRITTEN_OUT_EMAIL, _whole_match))
        if _NUMBER_GATE.search(text):
            passes += _NUMBER_PASSES
        found = False
        for kind, pattern, find in passes:
            text, count = _replace(text, pattern, find, kind)
            if count:
                counts[kind] += count
                found = True
        if not found:
            break
    return text


def redact(text: str) -> tuple[str, Counter[str]]:
    """``text`` with every e-mail, phone number, card number and IBAN replaced by a mark
    such as "[e-mail]", and how many of each kind were replaced."""
    counts: Counter[str] = Counter()
    return _redact_into(text, counts), counts


def redact_all(texts: Iterable[str]) -> tuple[list[str], Counter[str]]:
    """Each of ``texts`` redacted, and the counts summed."""
    total: Counter[str] = Counter()
    return [_redact_into(text, total) for text in texts], total
