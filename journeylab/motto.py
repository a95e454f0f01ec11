"""A persona's motto in quotation marks: exactly one pair, the language's own.

The room often types a motto with quotes of its own („Искам…“, "I just want…"); every place
that shows a motto adds the language's quotes, so the typed ones are taken off when it is
saved, and again when it is shown (files written before kept theirs).
"""

from __future__ import annotations

from .i18n import current_language

#: Every mark a motto may arrive wrapped in: straight, typographic, low-9 and guillemets.
TYPED_MARKS = "\"'„“”«»‘’‚"
#: Each language's own quotation marks, as its typesetting uses them (see the glossary).
QUOTES = {"en": ("“", "”"), "bg": ("„", "“"), "ru": ("«", "»"), "lv": ("„", "”"),
          "mk": ("„", "“")}


def bare(text: str) -> str:
    """``text`` without the quotation marks around it (however many pairs), trimmed.

    Marks inside stay: ``„Не“ е отговор`` keeps its quotes, being no quote as a whole.
    """
    text = text.strip()
    while len(text) >= 2 and text[0] in TYPED_MARKS and text[-1] in TYPED_MARKS:
        text = text[1:-1].strip()
    return text


def quoted(text: str, language_code: str | None = None) -> str:
    """``text`` in one pair of the language's quotation marks; empty stays empty."""
    text = bare(text)
    if not text:
        return ""
    opening, closing = QUOTES[language_code or current_language()]
    return f"{opening}{text}{closing}"
