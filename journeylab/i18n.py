"""Translation of every user-facing word, through gettext catalogues read at run time.

Messages are written in English in the code, wrapped in ``_()`` (translate now) or ``N_()``
(mark for the catalogue, translate later). Placeholders use ``{name}`` and are filled by
``_()`` itself, so a translation can move them. Catalogues are plain ``.po`` files under
``journeylab/locale/<lang>/LC_MESSAGES/journeylab.po`` read with Babel: nothing to compile.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "journeylab"
DEFAULT_LANGUAGE = "en"
#: The languages of JourneyLab's users, in the order a language menu shows them.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "bg": "Български",
    "ru": "Русский",
    "lv": "Latviešu",
    "mk": "Македонски",
}

# The language set for the whole process (a kernel, a command) and, inside a ``language()``
# block, an override for that context only. Widget callbacks run outside the context of the
# cell that built the form, so the process-wide setting must not live in a context variable.
_process_language = DEFAULT_LANGUAGE
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("journeylab_language",
                                                                      default=None)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (translated when shown)."""
    return message


@functools.cache
def _catalogue(language: str) -> dict[str, str]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    return {
        message.id: message.string
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def current_language() -> str:
    """The language messages are translated into right now."""
    return _override.get() or _process_language


def set_language(language: str) -> None:
    """Translate every following message into ``language`` (one of :data:`LANGUAGES`)."""
    global _process_language
    _process_language = check_language(language)


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    """Translate into ``code`` inside the ``with`` block only."""
    token = _override.set(check_language(code))
    try:
        yield
    finally:
        _override.reset(token)


def check_language(code: str) -> str:
    """Return ``code`` if JourneyLab speaks it, else raise ``ValueError`` naming the choices."""
    if code not in LANGUAGES:
        raise ValueError(
            _("unknown language '{code}'; choose one of: {choices}",
              code=code, choices=", ".join(LANGUAGES))
        )
    return code


def _(message: str, /, **values: object) -> str:
    """Translate ``message`` into the current language and fill its ``{placeholders}``."""
    translated = _catalogue(current_language()).get(message, message)
    return translated.format(**values) if values else translated


def format_number(value: float, digits: int = 2, fixed: bool = False) -> str:
    """A number written the way the current language writes it (``1 234,5`` in Bulgarian).

    Up to ``digits`` decimals; exactly ``digits`` when ``fixed``, so a column lines up.
    """
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits else "")
    return format_decimal(value, format=pattern, locale=Locale.parse(current_language()))


def format_month(year: int, month: int) -> str:
    """A month named the way the current language names it (``November 2026``,
    ``ноември 2026``)."""
    return _babel_format_date(dt.date(year, month, 1), format="LLLL yyyy",
                              locale=Locale.parse(current_language()))


def format_date(value: dt.date) -> str:
    """A date written the way the current language writes it (``22.11.2026`` in Latvian)."""
    code = current_language()
    pattern = "d MMMM yyyy" if code == "en" else "dd.MM.yyyy"
    return _babel_format_date(value, format=pattern, locale=Locale.parse(code))


#: The locale whose short date format a language's date fields take. English is written
#: day first, as JourneyLab writes English dates ("31 March 2027"), not as in the USA.
_FIELD_LOCALES = {"en": "en_GB"}
# the places in a date typed into a field, as a hint in the field's language
_DATE_LETTERS = {"dd": N_("dd"), "MM": N_("mm"), "yyyy": N_("yyyy")}


@functools.cache
def _field_pattern(code: str) -> tuple[tuple[str, ...], str]:
    short = Locale.parse(_FIELD_LOCALES.get(code, code)).date_formats["short"].pattern
    places = re.findall(r"d+|M+|y+", short)[:3]
    separator = re.search(r"[dMy]+([^dMy']+)[dMy]", short).group(1).strip() or "."
    return tuple("dd" if p[0] == "d" else "MM" if p[0] == "M" else "yyyy" for p in places), \
        separator


def date_pattern() -> str:
    """How a date is typed in the current language: ``dd.MM.yyyy``, ``dd/MM/yyyy``.

    Babel's short date format of the language, with two-digit days and months, four-digit
    years and without the letters some languages add after the year ("г.").
    """
    places, separator = _field_pattern(current_language())
    return separator.join(places)


def date_hint() -> str:
    """:func:`date_pattern` in the letters of the current language: ``дд.мм.гггг``."""
    places, separator = _field_pattern(current_language())
    return separator.join(_(_DATE_LETTERS[place]) for place in places)


def format_field_date(value: dt.date) -> str:
    """``value`` as a date field of the current language shows it: ``31.03.2027``."""
    return _babel_format_date(value, format=date_pattern(),
                              locale=Locale.parse(current_language()))


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_field_date(text: str) -> dt.date:
    """The date typed as the current language writes it (``31.03.2027``, ``31.3.27 г.``) or
    as ISO (``2027-03-31``); raises ``ValueError`` for anything else."""
    text = text.strip()
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return dt.date(year, month, day)
    places = _field_pattern(current_language())[0]
    # the order of day, month and year is the language's; the marks between them may be
    # any of the usual ones, and what a language writes after the year ("г." in Bulgarian,
    # a dot in Latvian) is no part of the date
    parts = re.fullmatch(r"(\d{1,4})(?:\s*[./-]\s*|\s+)(\d{1,2})(?:\s*[./-]\s*|\s+)"
                         r"(\d{1,4})\.?\s*(?:[гg]\.?)?", text)
    if parts is None:
        raise ValueError(text)
    found = dict(zip(places, parts.groups(), strict=True))
    year = found["yyyy"]
    if len(year) not in (2, 4) or len(found["dd"]) > 2 or len(found["MM"]) > 2:
        raise ValueError(text)
    return dt.date(int(year) + (2000 if len(year) == 2 else 0), int(found["MM"]),
                   int(found["dd"]))
