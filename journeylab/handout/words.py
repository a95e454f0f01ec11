"""Numbers and names as the handout writes them, in the current language."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_percent

from ..charts.emotions import nearest_score
from ..i18n import _, current_language, format_number
from ..presets import EMOTIONS

MINUS = "\u2212"


def signed(value: float, digits: int = 1) -> str:
    """``+0.6``, ``0.0``, ``−1.4``: a mean score with its sign and a true minus sign."""
    rounded = round(value, digits)
    number = format_number(abs(rounded), digits, fixed=True)
    return ("+" if rounded > 0 else MINUS if rounded < 0 else "") + number


def whole(score: int) -> str:
    """``+3``, ``0``, ``−2``: a single score."""
    return f"{score:+d}".replace("-", MINUS) if score else "0"


def feeling(mean: float) -> str:
    """The emotion word nearest a mean score: ``Uneasy`` for −1.2."""
    return _(EMOTIONS[max(-3, min(3, nearest_score(mean)))])


def percent(part: int, whole_: int) -> str:
    """``62%`` as the language writes it (``62 %`` in Russian); ``0%`` of nothing."""
    return format_percent(part / whole_ if whole_ else 0,
                          locale=Locale.parse(current_language()))

