"""One pass over an export: rating counts by the file's own labels, unusable rows, comments.

The counts are kept by the labels as the file writes them ("Оплата", "Checkout"), not by
the workshop's stages, so changing how labels map onto stages never reads the file again.
Rows that cannot be used are counted by reason with a few examples naming row and column,
never dropped silently. Of the comments, a fair random sample per stage label is kept (all
of them in smaller files) for the most frequent words and example quotes; nothing else of
the text is kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import TableError
from ..i18n import _
from ..model import SKIP_LABELS, ColumnMap, ReadSettings, Scale, SkipReason
from .read import Block, Progress, read_rows

#: Comments kept per stage label for words and quotes.
COMMENTS_KEPT = 1000
EXAMPLES_KEPT = 3
#: Above this share of unusable rows, the import stops: the mapping or scale must be wrong.
MOST_UNUSABLE = 0.5


Key = tuple[str, str, str, int]  # stage label, touchpoint label, persona label, month (yyyymm)
_KEYS = ("stage", "touchpoint", "persona", "month", "point")


@dataclass(frozen=True)
class Example:
    """One unusable row: where, and the value that could not be used."""

    row: int
    column: str
    value: str


@dataclass
class Scan:
    """What one pass over a file found."""

    path: Path
    columns: ColumnMap
    scale: Scale
    rows: int = 0
    counts: dict[Key, np.ndarray] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    examples: dict[SkipReason, list[Example]] = field(default_factory=dict)
    respondent_ids: list[pa.Array] = field(default_factory=list)  # in memory only
    counted: list[pa.Table] = field(default_factory=list)  # per block, until :meth:`total`
    fingerprint: str = ""  # the SHA-256 of the file's bytes

    def total(self) -> None:
        """Add up the blocks' counts into :attr:`counts`."""
        if not self.counted:
            return
        summed = pa.concat_tables(self.counted).group_by(list(_KEYS)).aggregate(
            [("count_all", "sum")])
        self.counted = []
        size = len(self.scale.values)
        for stage, touchpoint, persona, month, point, count in zip(
                *(summed.column(name).to_pylist() for name in summed.column_names),
                strict=True):
            counts = self.counts.get((stage, touchpoint, persona, month))
            if counts is None:
                counts = self.counts[(stage, touchpoint, persona, month)] = np.zeros(
                    size, dtype=np.int64)
            counts[point] += count
    comments: pd.DataFrame | None = None  # stage label, rating, row, respondent, text

    @functools.cached_property
    def respondents(self) -> int:
        """How many different respondents gave a usable rating."""
        if not self.respondent_ids:
            return 0
        return pc.count_distinct(pa.chunked_array(self.respondent_ids)).as_py()

    def labels(self, field_name: str) -> Counter:
        """How many usable ratings each label of ``field_name`` (stage, touchpoint, persona)
        has in the file."""
        position = ("stage", "touchpoint", "persona").index(field_name)
        found: Counter = Counter()
        for key, counts in self.counts.items():
            if key[position]:
                found[key[position]] += int(counts.sum())
        return found

    def note(self, reason: SkipReason, where: np.ndarray, block: Block, column: str,
             values: pa.Array) -> None:
        """Count the rows of ``block`` where ``where`` holds as unusable for ``reason``."""
        picked = np.flatnonzero(where)
        if not len(picked):
            return
        self.skipped[reason] += len(picked)
        kept = self.examples.setdefault(reason, [])
        for index in picked[:EXAMPLES_KEPT - len(kept)]:
            kept.append(Example(int(block.rows[index]), column,
                                str(values[int(index)].as_py()).strip()[:80]))


_NUMBER = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"


def _one_line(path: Path, block: Block, column: str) -> None:
    """Refuse a column of labels whose cells run over several lines: a comment column."""
    if not column:
        return
    lines = pc.match_substring(block.table.column(column), "\n")
    if pc.any(lines).as_py():
        first = int(np.flatnonzero(lines.to_numpy(zero_copy_only=False))[0])
        raise TableError(path, _("this column holds text over several lines, not short "
                                 "labels; choose another column"), int(block.rows[first]),
                         column)


def _ratings(text: pa.Array, decimal: str) -> np.ndarray:
    """The ratings as numbers; NaN where a rating is not a number."""
    if decimal == ",":
        text = pc.replace_substring(text, ",", ".")
    try:  # most files hold only numbers: one cast reads them all
        numbers = pc.cast(pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text),
                          pa.float64())
        return numbers.to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        pass
    numeric = pc.match_substring_regex(text, _NUMBER)
    numbers = pc.cast(pc.if_else(numeric, text, pa.scalar(None, pa.string())), pa.float64())
    return numbers.to_numpy(zero_copy_only=False)


def _months(text: pa.Array, date_format: str) -> np.ndarray:
    """``yyyymm`` per row, 0 for no date, -1 for a date that cannot be read."""
    day = text
    if (pc.max(pc.utf8_length(text)).as_py() or 0) > 10:
        day = pc.replace_substring_regex(text, r"\s.*$", "")  # a time after the date
    dates = pc.strptime(day, format=date_format or "%Y-%m-%d", unit="s", error_is_null=True)
    months = pc.add(pc.multiply(pc.year(dates), 100), pc.month(dates))
    months = pc.fill_null(months, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return np.where(pc.equal(day, "").to_numpy(zero_copy_only=False), 0, months)


def _keep_comments(kept: pd.DataFrame | None, found: pd.DataFrame,
                   rng: np.random.Generator) -> pd.DataFrame:
    """The fair random sample of comments per stage label, updated with ``found``."""
    found = found.assign(priority=rng.random(len(found)))
    both = found if kept is None else pd.concat([kept, found], ignore_index=True)
    both = both.sort_values("priority", ascending=False, kind="stable")
    return both.groupby("stage", sort=False).head(COMMENTS_KEPT)


def _comment_share(first: Block, path: Path, columns: ColumnMap) -> float:
    """The share of comments to read so that about :data:`COMMENTS_KEPT` per stage label
    remain to choose from, judged from the first block and the file's size."""
    if first.table.num_rows == 0 or not columns.comment:
        return 1.0
    rows_per_byte = first.table.num_rows / max(first.table.nbytes, 1) / 1.3
    expected = max(path.stat().st_size * rows_per_byte, first.table.num_rows)
    labels = max(len(pc.unique(first.table.column(columns.stage))), 1)
    return min(1.0, 3 * COMMENTS_KEPT * labels / expected)


def scan(path: str | Path, settings: ReadSettings, columns: ColumnMap, scale: Scale,
         progress: Progress | None = None) -> Scan:
    """Read ``path`` once and count its ratings by label, as :class:`Scan`.

    Raises :class:`~journeylab.errors.TableError` when a mapped column is missing, when the
    stage or rating column is not chosen, or when more than half of the rows are unusable.
    """
    path = Path(path)
    if not columns.stage or not columns.rating:
        raise TableError(path, _("choose the column with the stage and the column with the "
                                 "rating"))
    wanted = [name for name in (columns.stage, columns.touchpoint, columns.persona,
                                columns.rating, columns.comment, columns.date,
                                columns.respondent) if name]
    found = Scan(path, columns, scale)
    grid = np.array(scale.values)
    rng = np.random.default_rng(int(hashlib.sha256(str(path.name).encode()).hexdigest()[:8],
                                    16))
    def bad_row(number: int | None, text: str) -> None:
        found.skipped[SkipReason.MALFORMED] += 1
        kept = found.examples.setdefault(SkipReason.MALFORMED, [])
        if len(kept) < EXAMPLES_KEPT:
            kept.append(Example(number or 0, "", text[:80]))

    share = 1.0
    digest = hashlib.sha256()
    for block in read_rows(path, settings, wanted, progress, bad_row, digest.update):
        if found.rows == 0 and block.table.num_rows:
            share = _comment_share(block, path, columns)
        found.rows += block.table.num_rows
        _scan_block(found, block, settings, grid, rng, share)
    found.total()
    found.fingerprint = digest.hexdigest()
    if found.rows == 0:
        raise TableError(path, _("the file has a header but no rows"))
    unusable = sum(found.skipped.values())
    if unusable > MOST_UNUSABLE * found.rows:
        reason, _count = found.skipped.most_common(1)[0]
        example = found.examples[reason][0]
        raise TableError(path, _(
            "{unusable} of {rows} rows cannot be used, most for {reason}, as '{value}' here: "
            "check the columns, the scale and the decimal mark", unusable=unusable,
            rows=found.rows, reason=_(SKIP_LABELS[reason]), value=example.value),
            example.row, example.column)
    return found


@dataclass(frozen=True)
class _Coded:
    """A column as codes into its distinct values, each trimmed once: a file has few
    distinct labels, ratings and dates, so they are read once, not once per row."""

    values: pa.Array  # the distinct values, trimmed
    codes: np.ndarray  # per row, its value's place in ``values``

    @classmethod
    def of(cls, block: Block, column: str) -> _Coded:
        encoded = pc.dictionary_encode(block.table.column(column).combine_chunks())
        return cls(pc.utf8_trim_whitespace(encoded.dictionary),
                   encoded.indices.to_numpy(zero_copy_only=False))

    def per_row(self, values: np.ndarray) -> np.ndarray:
        """``values`` (one per distinct value) spread to the rows."""
        return values[self.codes]

    def given(self) -> np.ndarray:
        """Per row, whether it holds anything but spaces."""
        return self.per_row(pc.not_equal(self.values, "").to_numpy(zero_copy_only=False))


def _scan_block(found: Scan, block: Block, settings: ReadSettings, grid: np.ndarray,
                rng: np.random.Generator, comment_share: float) -> None:
    columns, scale = found.columns, found.scale
    for column in (columns.stage, columns.touchpoint, columns.persona):
        _one_line(found.path, block, column)
    stage = _Coded.of(block, columns.stage)
    rating_text = _Coded.of(block, columns.rating)
    rating = rating_text.per_row(_ratings(rating_text.values, settings.decimal))
    usable = stage.given()
    found.note(SkipReason.NO_STAGE, ~usable, block, columns.stage, block.table[columns.stage])
    given = rating_text.given()
    raw_rating = block.table.column(columns.rating)
    found.note(SkipReason.NO_RATING, usable & ~given, block, columns.rating, raw_rating)
    usable &= given
    number = ~np.isnan(rating)
    found.note(SkipReason.NOT_A_NUMBER, usable & ~number, block, columns.rating, raw_rating)
    usable &= number
    with np.errstate(invalid="ignore"):
        inside = (rating >= scale.low - 1e-9) & (rating <= scale.high + 1e-9)
        found.note(SkipReason.OUT_OF_RANGE, usable & ~inside, block, columns.rating,
                   raw_rating)
        usable &= inside
        position = np.where(usable, (rating - scale.low) / scale.step, 0.0)
        point = np.rint(position)
        on_grid = np.abs(position - point) < 1e-6
    found.note(SkipReason.OFF_SCALE, usable & ~on_grid, block, columns.rating, raw_rating)
    usable &= on_grid
    months = np.zeros(block.table.num_rows, dtype=np.int64)
    if columns.date:
        dates = _Coded.of(block, columns.date)
        months = dates.per_row(_months(dates.values, settings.date_format))
        found.note(SkipReason.BAD_DATE, usable & (months < 0), block, columns.date,
                   block.table.column(columns.date))
        usable &= months >= 0
    kept = pa.array(usable)
    if columns.respondent:
        ids = _Coded.of(block, columns.respondent)
        seen = np.unique(ids.codes[usable & ids.given()])
        found.respondent_ids.append(ids.values.take(pa.array(seen)))
    _count(found, block, stage, point, months, kept)
    if columns.comment:
        _sample_comments(found, block, stage, rating, usable, rng, comment_share)


def _count(found: Scan, block: Block, stage: _Coded, point: np.ndarray, months: np.ndarray,
           kept: pa.Array) -> None:
    """Count the usable rows by their codes, then name each group by its labels."""
    columns = found.columns
    coded = {"stage": stage}
    for name in ("touchpoint", "persona"):
        column = getattr(columns, name)
        coded[name] = _Coded.of(block, column) if column else _Coded(
            pa.array([""]), np.zeros(block.table.num_rows, dtype=np.int64))
    keys = pa.table({**{name: c.codes for name, c in coded.items()}, "month": months,
                     "point": point.astype(np.int64)}).filter(kept)
    counted = keys.group_by(list(_KEYS), use_threads=False).aggregate([([], "count_all")])
    named = {name: coded[name].values.take(counted.column(name)) for name in coded}
    found.counted.append(pa.table({**named, "month": counted.column("month"),
                                   "point": counted.column("point"),
                                   "count_all": counted.column("count_all")}))


def _sample_comments(found: Scan, block: Block, stage: _Coded, rating: np.ndarray,
                     usable: np.ndarray, rng: np.random.Generator, share: float) -> None:
    """Keep a fair random share of the block's comments towards the sample per stage."""
    columns = found.columns
    raw = block.table.column(columns.comment)
    said = usable & pc.greater(pc.utf8_length(raw), 0).to_numpy(zero_copy_only=False)
    said &= rng.random(len(said)) < share
    chosen = np.flatnonzero(said)
    picked = pa.array(chosen)
    text = pc.utf8_trim_whitespace(raw.take(picked)).to_pylist()
    respondents = (pc.utf8_trim_whitespace(block.table.column(columns.respondent)
                                           .take(picked)).to_pylist()
                   if columns.respondent else "")
    found.comments = _keep_comments(found.comments, pd.DataFrame({
        "stage": stage.values.take(pa.array(stage.codes[chosen])).to_pylist(),
        "rating": rating[chosen], "row": block.rows[chosen], "respondent": respondents,
        "text": text}).query("text != ''"), rng)


def month_text(month: int) -> str | None:
    """``yyyymm`` as the model's ``yyyy-mm``; ``None`` for no date."""
    return f"{month // 100:04d}-{month % 100:02d}" if month else None


def today() -> dt.datetime:
    """Now, with the computer's time zone: when an import happened."""
    return dt.datetime.now().astimezone().replace(microsecond=0)

