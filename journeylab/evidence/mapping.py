"""Suggestions for mapping a file onto the workshop: its columns, its scale, its labels.

A file's columns are named in the language of the survey tool ("Оценка", "Vērtējums"), and
its stage labels in the customers' words ("Оплата", "Checkout"). Everything suggested here
is shown to the facilitator, who confirms or changes it; the confirmed mapping is saved with
the workshop, so next month's export imports in one click.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from ..i18n import N_
from ..model import SCALE_RANGES, ColumnMap, Scale, ScaleKind, make_id

#: What each column of :class:`~journeylab.model.ColumnMap` holds, for a person.
COLUMN_LABELS = {"stage": N_("stage"), "touchpoint": N_("touchpoint"),
                 "persona": N_("persona or segment"), "rating": N_("rating"),
                 "comment": N_("comment"), "date": N_("date"), "respondent": N_("respondent")}

#: Column names, in the five languages, that say what a column holds.
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "stage": ("stage", "journey stage", "phase", "step", "етап", "фаза", "этап", "стадия",
              "posms", "fāze", "etaps", "етап на патувањето"),
    "touchpoint": ("touchpoint", "touch point", "contact point", "точка на контакт",
                   "точка контакта", "точка взаимодействия", "pieskāriena punkts",
                   "kontaktpunkts", "допирна точка", "контактна точка"),
    "persona": ("persona", "segment", "customer segment", "customer type", "персона",
                "сегмент", "тип клиент", "тип клиента", "segments", "klientu segments"),
    "rating": ("rating", "score", "csat", "nps", "ces", "оценка", "рейтинг", "балл",
               "vērtējums", "novērtējums", "оцена"),
    "comment": ("comment", "comments", "feedback", "verbatim", "коментар", "коментари",
                "комментарий", "отзыв", "komentārs", "komentāri", "atsauksme"),
    "date": ("date", "submitted", "response date", "дата", "datums", "датум"),
    "respondent": ("respondent", "respondent id", "response id", "id", "респондент",
                   "анкета", "respondents", "испитаник", "испитаник id"),
}
_PUNCTUATION = re.compile(r"[^\w\s]+")


def _plain(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def suggest_columns(header: Sequence[str]) -> ColumnMap:
    """Which column holds what, judged by the columns' names; ``""`` where none fits."""
    chosen: dict[str, str] = {}
    plain = {column: _plain(column) for column in header}
    for exact in (True, False):
        for field, words in COLUMN_WORDS.items():
            if field in chosen:
                continue
            for column in header:
                if column in chosen.values():
                    continue
                name = plain[column]
                if name in words or not exact and any(
                        len(word) >= 4 and word in name for word in words):
                    chosen[field] = column
                    break
    return ColumnMap(**chosen)


def _numbers(values: Iterable[str], decimal: str) -> list[float]:
    found = []
    for value in values:
        text = value.strip().replace(decimal, ".") if decimal == "," else value.strip()
        try:
            number = float(text)
        except ValueError:
            continue
        if math.isfinite(number):
            found.append(number)
    return found


def suggest_scale(column: str, values: Iterable[str], decimal: str = ".") -> Scale:
    """The scale a rating column most likely uses: named in its header, else read from the
    ratings' range (1–5 CSAT, 1–7 CES, 0–10 NPS, otherwise the range found)."""
    numbers = _numbers(values, decimal)
    halves = any(not float(n).is_integer() for n in numbers)
    named = _plain(column)
    for kind in (ScaleKind.NPS, ScaleKind.CES, ScaleKind.CSAT):
        if kind.value in named.split():
            low, high = SCALE_RANGES[kind]
            return Scale(kind=kind, low=low, high=high, step=0.5 if halves else 1)
    if not numbers:
        return Scale()
    low, high = min(numbers), max(numbers)
    for kind in (ScaleKind.CSAT, ScaleKind.CES, ScaleKind.NPS):
        first, last = SCALE_RANGES[kind]
        if first <= low and high <= last:
            return Scale(kind=kind, low=first, high=last, step=0.5 if halves else 1)
    first, last = math.floor(low), math.ceil(high)
    if last == first:
        last = first + 1
    step = 0.5 if halves else 1
    while (last - first) / step + 1 > 101:
        step *= 2
        last = first + math.ceil((last - first) / step) * step
    return Scale(kind=ScaleKind.CUSTOM, low=first, high=last, step=step)


def suggest_labels(labels: Iterable[str], choices: Sequence[tuple[str, str]],
                   known: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """Each of the file's ``labels`` with the id among ``choices`` (id, name) it most likely
    means, or ``None`` when none is close; labels mapped before (``known``) keep their map.
    """
    known = known or {}
    names = {item_id: _plain(name) for item_id, name in choices}
    ids = {item_id: make_id(name) for item_id, name in choices}
    suggested: dict[str, str | None] = {}
    for label in labels:
        if label in known:
            suggested[label] = known[label]
            continue
        plain, slug = _plain(label), make_id(label) if label.strip() else ""
        exact = [i for i, name in names.items() if plain == name or slug in (i, ids[i])]
        # a label that is one word of exactly one name ("Чат" in "Чат на сайта") means it
        containing = [i for i, name in names.items()
                      if plain and (f" {plain} " in f" {name} " or name in plain)]
        if exact or len(containing) == 1:
            suggested[label] = (exact or containing)[0]
            continue
        score, best = max(((difflib.SequenceMatcher(None, plain, name).ratio(), i)
                           for i, name in names.items()), default=(0.0, None))
        suggested[label] = best if score >= 0.6 else None
    return suggested
