"""The synthetic survey exports in data/samples/: up to date, and readable as analysts read them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from journeylab.evidence.redact import is_iban, passes_luhn

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "data" / "make_exports.py"
SAMPLES = ROOT / "data" / "samples"
SAMPLE_ROWS = 600

#: How an analyst opens each sample with pandas, as data/README.md describes it.
READ_OPTIONS = {
    "bg": dict(sep=";", encoding="cp1251", decimal=",", thousands=" "),
    "ru": dict(sep=";", encoding="utf-8-sig"),
    "lv": dict(sep="\t", encoding="cp1257", decimal=",", thousands=" "),
    "mk": dict(sep=",", encoding="utf-8"),
    "en": dict(sep=",", encoding="utf-8"),
}
#: The workshop stage whose answers are clearly the lowest in each file.
LOWEST_STAGE = {"bg": "usage", "ru": "usage", "lv": "usage", "mk": "usage", "en": "conversion"}

CARD = re.compile(r"(?<![\d-])(?:\d{4}[ -]?){3}\d{4}(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b")
EMAIL = re.compile(r"[\w.]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(scope="module")
def exports():
    """The generator script, imported as a module for its tables."""
    spec = importlib.util.spec_from_file_location("make_exports", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """The samples written again, into a temporary folder."""
    folder = tmp_path_factory.mktemp("samples")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(folder)], check=True,
                   capture_output=True, cwd=ROOT)
    return folder


def read_sample(exports, code: str) -> pd.DataFrame:
    """One committed sample, read with pandas the way data/README.md says."""
    settings = exports.LANGUAGES[code]
    return pd.read_csv(SAMPLES / settings.file_name(None), **READ_OPTIONS[code])


def sheet_values(path: Path) -> list[tuple]:
    """Every cell value of the first sheet of a workbook."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def test_samples_are_up_to_date(regenerated):
    committed = sorted(path.name for path in SAMPLES.iterdir())
    assert sorted(path.name for path in regenerated.iterdir()) == committed
    for name in committed:
        if name.endswith(".xlsx"):
            same = sheet_values(SAMPLES / name) == sheet_values(regenerated / name)
        else:
            same = (SAMPLES / name).read_bytes() == (regenerated / name).read_bytes()
        assert same, f"{name} is out of date: run python data/make_exports.py"


def test_samples_are_small():
    assert sum(path.stat().st_size for path in SAMPLES.iterdir()) < 1_000_000


def test_labels_belong_to_the_demo_workshops(exports):
    for code, settings in exports.LANGUAGES.items():
        journey = json.loads((ROOT / "workshops" / settings.journey.workshop / "journey.json")
                             .read_text(encoding="utf-8"))
        stages = {stage["id"] for stage in journey["stages"]}
        labels = [label.label for label in settings.stages]
        assert 6 <= len(set(labels)) == len(labels) <= 8, code
        assert {label.stage for label in settings.stages} <= stages, code
        assert set(settings.segments) == {persona["id"] for persona in journey["personas"]}, code


@pytest.mark.parametrize("code", list(READ_OPTIONS))
def test_sample_is_a_real_looking_export(exports, code):
    settings = exports.LANGUAGES[code]
    raw = (SAMPLES / settings.file_name(None)).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (settings.encoding == "utf-8-sig")
    assert raw.count(b"\r\n") > SAMPLE_ROWS  # Excel's line ends, plus multi-line comments
    if settings.encoding.startswith("cp"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")

    table = read_sample(exports, code)
    headers = settings.headers
    assert list(table.columns) == list(headers.values())
    assert len(table) == SAMPLE_ROWS

    dates = pd.to_datetime(table[headers["date"]], format=settings.date_format)
    assert dates.min() >= pd.Timestamp("2025-11-01")
    assert dates.max() <= pd.Timestamp("2026-10-31")
    assert dates.is_monotonic_increasing

    ratings = table[headers["rating"]]
    assert pd.api.types.is_numeric_dtype(ratings)
    assert ratings.between(settings.scale.low, settings.scale.high).all()
    assert ((ratings % 1) != 0).any() == bool(settings.scale.half_points)

    counts = table[headers["stage"]].value_counts()
    assert 6 <= len(counts) <= 8
    assert (counts < 5).any(), "a stage too small to say anything about"
    assert set(counts.index) == {label.label for label in settings.stages}

    comments = table[headers["comment"]]
    assert 0.3 < comments.notna().mean() < 0.7
    assert comments.str.contains("\n", na=False).any()
    for field in ("order", "amount"):
        if field in headers:
            assert pd.api.types.is_numeric_dtype(table[headers[field]]), field


@pytest.mark.parametrize("code", list(READ_OPTIONS))
def test_some_comments_hold_valid_personal_data(exports, code):
    comments = read_sample(exports, code)[exports.LANGUAGES[code].headers["comment"]].dropna()
    text = "\n".join(comments)
    ibans = IBAN.findall(text)
    cards = CARD.findall(IBAN.sub("", text))  # an all-digit IBAN holds card-like groups
    assert EMAIL.search(text)
    assert cards and all(passes_luhn(re.sub(r"\D", "", card)) for card in cards)
    assert ibans and all(is_iban(iban.replace(" ", "").upper()) for iban in ibans)
    # Phone, card and account numbers have seven digits or more; order numbers have six.
    digits = comments.str.replace(r"\b\d{6}\b", "", regex=True).str.count(r"\d")
    with_data = comments.str.contains("@", regex=False) | (digits >= 7)
    assert 0.01 < with_data.mean() < 0.06


@pytest.mark.parametrize("code", list(READ_OPTIONS))
def test_ratings_have_structure_to_find(exports, code):
    settings = exports.LANGUAGES[code]
    table = read_sample(exports, code)
    scale = settings.scale
    score = (table[settings.headers["rating"]] - scale.low) / (scale.high - scale.low)
    stage = table[settings.headers["stage"]].map(
        {label.label: label.stage for label in settings.stages})
    means = score.groupby(stage).mean()
    counts = stage.value_counts()
    others = means.drop(LOWEST_STAGE[code])[counts >= 5]
    assert means[LOWEST_STAGE[code]] < others.min() - 0.1
    segments = score.groupby(table[settings.headers["segment"]]).mean()
    assert segments.max() - segments.min() > 0.02


def test_ratings_rise_over_the_year(exports):
    early, late = [], []
    for code in READ_OPTIONS:
        settings = exports.LANGUAGES[code]
        table = read_sample(exports, code)
        scale = settings.scale
        score = (table[settings.headers["rating"]] - scale.low) / (scale.high - scale.low)
        dates = pd.to_datetime(table[settings.headers["date"]], format=settings.date_format)
        early.append(score[dates < pd.Timestamp("2026-03-01")])
        late.append(score[dates >= pd.Timestamp("2026-07-01")])
    assert pd.concat(late).mean() > pd.concat(early).mean() + 0.02


def test_xlsx_holds_the_csv_data_with_real_types(exports):
    settings = exports.LANGUAGES["en"]
    from_csv = read_sample(exports, "en")
    from_xlsx = pd.read_excel(SAMPLES / settings.file_name(None, "xlsx"))
    from_csv[settings.headers["date"]] = pd.to_datetime(from_csv[settings.headers["date"]])
    pd.testing.assert_frame_equal(from_xlsx, from_csv, check_dtype=False)

    header, first = sheet_values(SAMPLES / settings.file_name(None, "xlsx"))[:2]
    cells = dict(zip(header, first, strict=True))
    assert isinstance(cells["Date"], dt.datetime)
    assert isinstance(cells["Score"], int)
    assert isinstance(cells["Loan amount"], int)
