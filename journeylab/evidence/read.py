"""Reading survey exports as analysts get them: detecting how a file is written, then its rows.

Exports come from Excel and survey tools in Bulgarian, Russian, Latvian, Macedonian and
English settings: CSV or TSV in UTF-8 (with or without a byte order mark), UTF-16 (Excel's
"Unicode text"), Windows-1251 or Windows-1257, separated by ``,`` ``;`` or tabs, with
decimal commas, quoted comments over several lines; or an XLSX workbook. :func:`detect`
looks at the start of a file and says how it is written; every setting can be overridden.
:func:`read_rows` then reads the chosen columns as text, a block of rows at a time, so a file
of a million rows never sits in memory whole. Rows are numbered as a spreadsheet shows them:
the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from ..errors import TableError
from ..i18n import _
from ..model import ReadSettings

Progress = Callable[[float], None]
"""Told the share of the file read so far, from 0 to 1."""
Digest = Callable[[bytes | memoryview], None]
"""Fed the file's bytes in order, as ``hashlib.sha256().update`` is."""

HEAD_BYTES = 1 << 20  # what detection reads: enough for hundreds of rows
#: Files larger than this show a progress bar while they are read.
PROGRESS_FROM = 4 << 20
BLOCK_ROWS = 200_000  # rows of a workbook per block
BLOCK_BYTES = 16 << 20  # bytes of a CSV file per block
SAMPLE_ROWS = 200
_XLSX = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"
_SEPARATORS = (",", ";", "\t")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d+\.\d+$")
_BALTIC = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽąęėįųĄĘĖĮŲ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y")


@dataclass(frozen=True)
class Detected:
    """How a file is written, its header and its first rows as text."""

    settings: ReadSettings
    header: list[str]
    sample: list[list[str]]
    size: int
    workbook: bool = False


def _head(path: Path) -> tuple[bytes, int]:
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except FileNotFoundError:
        raise TableError(path, _("there is no file here")) from None
    except IsADirectoryError:
        raise TableError(path, _("this is a folder; choose the exported file")) from None
    except OSError as error:
        raise TableError(path, error.strerror or str(error)) from None
    if not head.strip():
        raise TableError(path, _("the file is empty"))
    return head, size


def _encoding(head: bytes, path: Path) -> str:
    """The encoding of ``head``: a byte order mark, else UTF-8 if it decodes, else the
    Windows code page whose letters make sense (Cyrillic 1251 or Baltic 1257)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" in head:
        raise TableError(path, _("this is not a text table: it holds binary data; export "
                                 "the survey as CSV or XLSX"))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < HEAD_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    baltic = head.decode("cp1257", errors="replace")
    letters = [c for c in baltic if c.isalpha() and not c.isascii()]
    if letters and sum(c in _BALTIC for c in letters) >= 0.9 * len(letters):
        return "cp1257"
    return "cp1251"


def _text(head: bytes, encoding: str, path: Path) -> str:
    """``head`` decoded, cut after its last complete line."""
    try:
        text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    except UnicodeError:  # UTF-16 without a byte order mark
        raise TableError(path, _("the file is not written in {encoding}; choose another "
                                 "encoding", encoding=encoding)) from None
    if len(head) >= HEAD_BYTES:
        text = text[:text.rfind("\n") + 1]
    return text


def _records(text: str, separator: str, limit: int) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) > limit:
                break
    except csv.Error:
        pass  # the last, cut-off record of the head
    return rows


def _separator(text: str) -> str:
    """The separator that splits the header into most columns and the rows alike."""
    def score(separator: str) -> tuple[float, int]:
        rows = _records(text, separator, 50)
        if not rows or len(rows[0]) < 2:
            return (0.0, 0)
        alike = sum(len(row) == len(rows[0]) for row in rows[1:]) / max(len(rows) - 1, 1)
        return (alike, len(rows[0]))
    return max(_SEPARATORS, key=score)


def _decimal(rows: Sequence[Sequence[str]], separator: str) -> str:
    cells = [cell.strip() for row in rows for cell in row]
    commas = sum(bool(_DECIMAL_COMMA.match(cell)) for cell in cells)
    points = sum(bool(_DECIMAL_POINT.match(cell)) for cell in cells)
    return "," if separator != "," and commas > points else "."


def date_format(values: Sequence[str]) -> str:
    """The first of :data:`DATE_FORMATS` that reads every non-empty value, else ``""``."""
    values = [value.strip().split(" ")[0] for value in values if value.strip()]
    for candidate in DATE_FORMATS:
        try:
            for value in values:
                dt.datetime.strptime(value, candidate)
        except ValueError:
            continue
        return candidate if values else ""
    return ""


def detect(path: str | Path, chosen: ReadSettings | None = None) -> Detected:
    """How the export at ``path`` is written, read from its start; the encoding, separator
    and sheet of ``chosen`` are taken as they are instead of detected.

    Raises :class:`~journeylab.errors.TableError` naming the file when it is missing, empty,
    binary, an old ``.xls`` workbook, or not a table at all.
    """
    path = Path(path)
    head, size = _head(path)
    if head.startswith(_OLD_EXCEL):
        raise TableError(path, _("this is an old Excel workbook (.xls); save it as .xlsx or "
                                 "as CSV and import that"))
    if head.startswith(_XLSX):
        return _detect_workbook(path, size, chosen.sheet if chosen else "")
    encoding = chosen.encoding if chosen else _encoding(head, path)
    text = _text(head, encoding, path)
    if "\n" not in text.strip("\r\n") and size > HEAD_BYTES:
        raise TableError(path, _("the first line is longer than {size} MB: this does not look "
                                 "like a table with one answer per row", size=HEAD_BYTES >> 20),
                         1)
    separator = chosen.separator if chosen else _separator(text)
    rows = _records(text, separator, SAMPLE_ROWS)
    if not rows or len(rows[0]) < 2:
        raise TableError(path, _("no columns found: the first row should name the columns, "
                                 "separated by commas, semicolons or tabs"), 1)
    header = [cell.strip() for cell in rows[0]]
    _check_header(path, header)
    sample = rows[1:]
    settings = chosen or ReadSettings(encoding=encoding, separator=separator,
                                      decimal=_decimal(sample, separator))
    return Detected(settings, header, sample, size)


def _check_header(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    for number, name in enumerate(header, start=1):
        if not name:
            raise TableError(path, _("column {number} has no name in the header row",
                                     number=number), 1)
        if name in seen:
            raise TableError(path, _("the column '{column}' appears twice", column=name), 1,
                             name)
        seen.add(name)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook_rows(path: Path, sheet: str) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError):
        raise TableError(path, _("this is not an Excel workbook that can be read; save it "
                                 "again as .xlsx or as CSV")) from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise TableError(path, _("the workbook has no sheet '{sheet}'; its sheets are: "
                                     "{sheets}", sheet=sheet, sheets=", ".join(book.sheetnames)))
        for row in book[sheet or book.sheetnames[0]].iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    finally:
        book.close()


def _detect_workbook(path: Path, size: int, sheet: str = "") -> Detected:
    rows = []
    for row in _workbook_rows(path, sheet):
        if any(cell.strip() for cell in row):
            rows.append(row)
        if len(rows) > SAMPLE_ROWS:
            break
    if not rows:
        raise TableError(path, _("the file is empty"))
    while rows[0] and not rows[0][-1].strip():
        rows[0].pop()  # empty cells after the last named column
    header = [cell.strip() for cell in rows[0]]
    _check_header(path, header)
    return Detected(ReadSettings(date_format="%Y-%m-%d", sheet=sheet), header, rows[1:], size,
                    True)


@dataclass(frozen=True)
class Block:
    """Some rows of a file: the chosen columns as text, and each row's number."""

    table: pa.Table
    rows: np.ndarray


BadRow = Callable[[int | None, str], None]
"""Told of a row with more or fewer cells than the header: its number if known, its text."""


def read_rows(path: str | Path, settings: ReadSettings, columns: Sequence[str],
              progress: Progress | None = None, bad_row: BadRow | None = None,
              digest: Digest | None = None) -> Iterator[Block]:
    """The ``columns`` of the file as text, a block of rows at a time.

    Cells are text exactly as written (nothing becomes "NaN"); a missing cell is ``""``.
    Rows are numbered as in a spreadsheet: in a workbook as Excel numbers them; in a CSV
    file the records after the header from 2 (a comment over several lines is one record).
    A CSV row with more or fewer cells than the header is left out and told to
    ``bad_row``. ``digest`` is fed the file's bytes as they are read, for its fingerprint.
    """
    path = Path(path)
    head, size = _head(path)
    columns = list(dict.fromkeys(columns))
    if head.startswith(_XLSX):
        if digest is not None:
            digest(path.read_bytes())
        yield from _workbook_blocks(path, settings, columns, progress)
        return
    header = _header_of(path, settings)
    missing = [column for column in columns if column not in header]
    if missing:
        raise TableError(path, _("the column '{column}' is missing", column=missing[0]), 1)
    with open(path, "rb") as handle:
        try:
            reader = pa_csv.open_csv(
                _as_utf8(_Digested(handle, digest) if digest else handle, settings.encoding),
                read_options=pa_csv.ReadOptions(
                    encoding="utf8", block_size=BLOCK_BYTES, skip_rows=1,
                    column_names=_unique_names(header)),
                parse_options=pa_csv.ParseOptions(
                    delimiter=settings.separator, newlines_in_values=True,
                    invalid_row_handler=_told(bad_row)),
                convert_options=pa_csv.ConvertOptions(
                    include_columns=columns, strings_can_be_null=False,
                    column_types={column: pa.string() for column in columns}))
            first = 2
            for batch in _read_ahead(reader):
                table = pa.Table.from_batches([batch])
                yield Block(table, np.arange(first, first + table.num_rows))
                first += table.num_rows
                if progress:
                    progress(min(handle.tell() / max(size, 1), 1.0))
        except pa.ArrowInvalid as error:
            raise TableError(path, _("the file cannot be read as a table: {reason}",
                                     reason=str(error).splitlines()[0])) from None
    if progress:
        progress(1.0)


class _Digested(io.RawIOBase):
    """A file whose bytes feed a digest as they are read: the fingerprint costs no second
    pass over a large file."""

    def __init__(self, source: BinaryIO, digest: Digest) -> None:
        self.source, self.digest = source, digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.source.readinto(buffer)
        self.digest(memoryview(buffer)[:count])
        return count

    def tell(self) -> int:
        return self.source.tell()


class _Utf8(io.RawIOBase):
    """A file in another encoding read as UTF-8, a large block at a time: Python's codecs
    decode a block in one call, much faster than the parser's own transcoding."""

    def __init__(self, source: BinaryIO, encoding: str) -> None:
        self.source = source
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.waiting = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self.waiting) < len(buffer):
            block = self.source.read(BLOCK_BYTES)
            self.waiting += self.decoder.decode(block, final=not block).encode("utf-8")
            if not block:
                break
        count = min(len(buffer), len(self.waiting))
        buffer[:count] = self.waiting[:count]
        self.waiting = self.waiting[count:]
        return count


def _as_utf8(handle: BinaryIO, encoding: str) -> BinaryIO:
    """``handle`` as UTF-8 bytes: as it is when it already is (a byte order mark is skipped
    by the parser), else transcoded."""
    if encoding in ("utf-8", "utf-8-sig"):
        return handle
    return io.BufferedReader(_Utf8(handle, encoding), buffer_size=BLOCK_BYTES)


def _read_ahead(batches: Iterator[pa.RecordBatch], depth: int = 2
                ) -> Iterator[pa.RecordBatch]:
    """``batches``, parsed by a second thread while the caller works on the last one: the
    parser releases the interpreter, so reading and counting overlap on two cores."""
    waiting: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def offer(item: object) -> bool:
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def parse() -> None:
        try:
            for batch in batches:
                if not offer(batch):
                    return
            offer(done)
        except BaseException as error:  # handed to the caller, raised there
            offer(error)

    worker = threading.Thread(target=parse, name="journeylab-read", daemon=True)
    worker.start()
    try:
        while (item := waiting.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def _unique_names(header: list[str]) -> list[str]:
    return [name or f"column {number}" for number, name in enumerate(header, start=1)]


def _told(bad_row: BadRow | None) -> Callable[[pa_csv.InvalidRow], str]:
    def handle(row: pa_csv.InvalidRow) -> str:
        if bad_row:
            bad_row(row.number, row.text)
        return "skip"
    return handle


def _header_of(path: Path, settings: ReadSettings) -> list[str]:
    head, _size = _head(path)
    rows = _records(_text(head, settings.encoding, path), settings.separator, 1)
    return [cell.strip() for cell in rows[0]] if rows else []


def _workbook_blocks(path: Path, settings: ReadSettings, columns: list[str],
                     progress: Progress | None) -> Iterator[Block]:
    rows = _workbook_rows(path, settings.sheet)
    header = [cell.strip() for cell in next(rows, [])]
    for column in columns:
        if column not in header:
            raise TableError(path, _("the column '{column}' is missing", column=column), 1)
    where = [header.index(column) for column in columns]
    block: list[list[str]] = []
    numbers: list[int] = []

    def done() -> Block:
        cells = {column: pa.array([row[i] for row in block], pa.string())
                 for i, column in enumerate(columns)}
        return Block(pa.table(cells), np.array(numbers))

    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank row, as a CSV's blank lines
        row = row + [""] * (len(header) - len(row))
        block.append([row[i] for i in where])
        numbers.append(number)
        if len(block) >= BLOCK_ROWS:
            yield done()
            block, numbers = [], []
    if block:
        yield done()
    if progress:
        progress(1.0)
