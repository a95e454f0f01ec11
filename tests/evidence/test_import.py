"""Importing survey exports as analysts get them: detection, counts, mapping, saving."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from journeylab.edit import remove
from journeylab.evidence.importer import BACKED_FROM, preview, propose, save
from journeylab.evidence.measures import samples
from journeylab.evidence.stats import welch
from journeylab.model import Evidence, ScaleKind, SkipReason
from journeylab.store import WorkshopFile, load_workshop

from .conftest import SAMPLES
KEY = b"k" * 32

#: What each committed sample is, as data/README.md describes it.
EXPECTED = {
    "survey-bg.csv": ("cp1251", ";", ",", "%d.%m.%Y", ScaleKind.CSAT, 1.0),
    "survey-ru.csv": ("utf-8-sig", ";", ".", "%d.%m.%Y", ScaleKind.CES, 1.0),
    "survey-lv.tsv": ("cp1257", "\t", ",", "%d.%m.%Y", ScaleKind.CSAT, 0.5),
    "survey-mk.csv": ("utf-8", ",", ".", "%d.%m.%Y", ScaleKind.CSAT, 1.0),
    "survey-en.csv": ("utf-8", ",", ".", "%Y-%m-%d", ScaleKind.NPS, 1.0),
}


def mapped(workshop, name: str):
    """A preview of the sample ``name`` with every stage and persona label mapped, round
    robin."""
    proposal = propose(workshop, SAMPLES / name)
    first = preview(workshop, proposal, KEY)
    labels = {}
    for field, items in (("stage", workshop.stages), ("persona", workshop.personas)):
        ids = [item.id for item in items]
        labels[field] = {label: ids[i % len(ids)]
                         for i, label in enumerate(sorted(first.scan.labels(field)))}
    return preview(workshop, proposal, KEY, labels, found=first.scan)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_is_read_as_it_is_written(shop, name) -> None:
    encoding, separator, decimal, dates, kind, step = EXPECTED[name]
    proposal = propose(load_workshop(shop), SAMPLES / name)
    settings = proposal.settings
    assert (settings.encoding, settings.separator, settings.decimal, settings.date_format) == (
        encoding, separator, decimal, dates)
    assert (proposal.scale.kind, proposal.scale.step) == (kind, step)
    assert proposal.columns.stage and proposal.columns.rating and proposal.columns.comment
    raw = pd.read_csv(SAMPLES / name, sep=separator, encoding=encoding, dtype=str,
                      keep_default_na=False)
    shown = mapped(load_workshop(shop), name)
    assert shown.scan.rows == len(raw)
    used = sum(sum(cell.counts) for cell in shown.source.cells)
    assert used + sum(shown.source.skipped.values()) == len(raw)


@pytest.mark.parametrize("name", ["survey-bg.csv", "survey-lv.tsv", "survey-en.xlsx"])
def test_the_fingerprint_is_the_files_sha256(shop, name) -> None:
    import hashlib

    shown = mapped(load_workshop(shop), name)
    assert shown.source.fingerprint == hashlib.sha256(
        (SAMPLES / name).read_bytes()).hexdigest()


def test_the_workbook_gives_the_counts_of_its_csv(shop) -> None:
    workshop = load_workshop(shop)
    as_csv, as_xlsx = mapped(workshop, "survey-en.csv"), mapped(workshop, "survey-en.xlsx")
    assert as_xlsx.scan.counts.keys() == as_csv.scan.counts.keys()
    assert all((as_xlsx.scan.counts[k] == v).all() for k, v in as_csv.scan.counts.items())
    assert as_xlsx.scan.respondents == as_csv.scan.respondents


TRICKY = pd.DataFrame({
    "Етап": ["Покупка", "Доставка", " Покупка ", "Доставка", "Покупка", "Доставка"] * 5,
    "Оценка": ["4", "2", "5", "1,5", "3", "4,5"] * 5,
    "Коментар": ['Каза "добре"; после', "ред 1\nред 2", "", "a,b;c\td", "„кавички“", "ок"] * 5,
    "Дата": ["03.11.2026", "30.11.2026", "01.12.2026", "", "15.01.2026", "28.02.2026"] * 5,
})


def write(frame: pd.DataFrame, path: Path, encoding: str, separator: str) -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(
        [list(frame.columns), *frame.to_numpy().tolist()])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_every_encoding_and_separator_gives_the_same_counts(tmp_path, shop, encoding,
                                                            separator) -> None:
    workshop = load_workshop(shop)
    path = write(TRICKY, tmp_path / "export.csv", encoding, separator)
    proposal = propose(workshop, path)
    assert proposal.settings.separator == separator
    assert proposal.settings.decimal == ("," if separator != "," else ".")
    if separator == ",":  # "1,5" is a decimal comma only where commas do not separate
        proposal = proposal.with_changes(
            settings=proposal.settings.model_copy(update={"decimal": ","}))
    proposal = proposal.with_changes(scale=proposal.scale.model_copy(update={"step": 0.5}))
    shown = preview(workshop, proposal, KEY,
                    {"stage": {"Покупка": "purchase", "Доставка": "usage"}})
    by_stage = {stage: {value: count for value, count in zip(s.values, s.counts, strict=True)
                        if count} for (stage,), s in samples(shown.source, ("stage",)).items()}
    assert by_stage == {"purchase": {3.0: 5, 4.0: 5, 5.0: 5},
                        "usage": {1.5: 5, 2.0: 5, 4.5: 5}}
    months = {cell.month for cell in shown.source.cells}
    assert months == {"2026-11", "2026-12", "2026-01", "2026-02", None}


def test_cp1257_latvian_letters_survive(tmp_path, shop) -> None:
    frame = pd.DataFrame({"Posms": ["Piegāde", "Apmaksa"] * 6, "Vērtējums": ["4", "2"] * 6,
                          "Komentārs": ["Ļoti ātri atveda, paldies!", "Šķiet dārgi; gaidīju"] * 6})
    path = write(frame, tmp_path / "lv.tsv", "cp1257", "\t")
    workshop = load_workshop(shop)
    proposal = propose(workshop, path)
    assert proposal.settings.encoding == "cp1257"
    shown = preview(workshop, proposal, KEY, {"stage": {"Piegāde": "usage",
                                                        "Apmaksa": "purchase"}})
    quoted = {quote.text for quote in shown.source.quotes}
    assert quoted == {"Ļoti ātri atveda, paldies!", "Šķiet dārgi; gaidīju"}


def test_unusable_rows_are_counted_with_their_row_and_column(tmp_path, shop) -> None:
    rows = [["Stage", "Score"], ["Research", "9"], ["Research", "ten"], ["", "7"],
            ["Research", "11"], ["Research", ""], ["Offer", "8"], ["Offer", "7"],
            ["Offer", "6"], ["Offer", "10"]]
    path = tmp_path / "nps.csv"
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    workshop = load_workshop(shop)
    proposal = propose(workshop, path)
    proposal = proposal.with_changes(scale=proposal.scale.model_copy(
        update={"kind": ScaleKind.NPS, "low": 0, "high": 10}))
    shown = preview(workshop, proposal, KEY, {"stage": {"Research": "awareness"}})
    assert shown.source.skipped == {SkipReason.NOT_A_NUMBER: 1, SkipReason.NO_STAGE: 1,
                                    SkipReason.OUT_OF_RANGE: 1, SkipReason.NO_RATING: 1,
                                    SkipReason.UNKNOWN_STAGE: 4}
    examples = shown.scan.examples
    assert [(e.row, e.column, e.value) for e in examples[SkipReason.NOT_A_NUMBER]] == [
        (3, "Score", "ten")]
    assert [(e.row, e.column) for e in examples[SkipReason.OUT_OF_RANGE]] == [(5, "Score")]
    assert [(e.row, e.column) for e in examples[SkipReason.NO_STAGE]] == [(4, "Stage")]
    assert shown.unmapped("stage") == ["Offer"]


def test_statistics_match_scipy_on_the_raw_file(shop) -> None:
    workshop = load_workshop(shop)
    shown = mapped(workshop, "survey-bg.csv")
    raw = pd.read_csv(SAMPLES / "survey-bg.csv", sep=";", encoding="cp1251", dtype=str,
                      keep_default_na=False)
    stage_of = shown.labels["stage"]
    raw = raw[raw["Етап"].str.strip().map(stage_of).notna()]
    raw = raw.assign(stage=raw["Етап"].str.strip().map(stage_of),
                     rating=pd.to_numeric(raw["Оценка"].str.replace(",", "."),
                                          errors="coerce")).dropna(subset=["rating"])
    by_stage = samples(shown.source, ("stage",))
    first, second = "usage", "awareness"
    ours = welch(by_stage[(first,)], by_stage[(second,)])
    theirs = scipy_stats.ttest_ind(raw[raw.stage == first].rating,
                                   raw[raw.stage == second].rating, equal_var=False)
    assert ours.t == pytest.approx(theirs.statistic, rel=1e-9)
    assert ours.p == pytest.approx(theirs.pvalue, rel=1e-9)
    for (stage,), sample in by_stage.items():
        assert sample.mean == pytest.approx(raw[raw.stage == stage].rating.mean(), rel=1e-12)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+|00)\d[\d ()-]{7,}\d")


def test_personal_data_never_reaches_the_workshop(shop) -> None:
    workshop = load_workshop(shop)
    shown = mapped(workshop, "survey-bg.csv")
    kept = shown.source.model_dump_json()
    assert shown.source.redacted, "the sample's comments hold personal data to remove"
    assert not EMAIL.search(kept) and not PHONE.search(kept)
    raw_ids = pd.read_csv(SAMPLES / "survey-bg.csv", sep=";", encoding="cp1251",
                          dtype=str)["Респондент"]
    assert not any(f'"{one}"' in kept for one in raw_ids.head(50))
    assert all(re.fullmatch(r"[0-9a-f]{16}", q.respondent) for q in shown.source.quotes)


def test_saving_keeps_the_mapping_and_next_months_file_imports_in_one_click(shop,
                                                                            tmp_path) -> None:
    opened = WorkshopFile.open(shop)
    shown = mapped(opened.workshop, "survey-bg.csv")
    updated, _raised = save(opened.workshop, shown.source)
    opened.save(updated)
    lines = (SAMPLES / "survey-bg.csv").read_bytes().split(b"\r\n")
    next_month = tmp_path / "next-month.csv"
    next_month.write_bytes(b"\r\n".join(lines[:1] + lines[300:]))
    workshop = load_workshop(shop)
    again = propose(workshop, next_month)
    assert again.earlier is not None and again.earlier.id == shown.source.id
    second = preview(workshop, again, KEY)
    assert not second.unmapped("stage")
    replaced, _raised = save(workshop, second.source)
    assert [s.id for s in replaced.evidence] == [shown.source.id]
    assert replaced.evidence[0].fingerprint != shown.source.fingerprint


def test_cards_are_raised_only_where_enough_ratings_back_them(shop) -> None:
    workshop = load_workshop(shop)
    shown = mapped(workshop, "survey-bg.csv")
    updated, raised = save(workshop, shown.source)
    overall = samples(shown.source, ("stage",))
    counted = 0
    for before, after in zip(workshop.journey, updated.journey, strict=True):
        backed = overall.get((before.stage,))
        for old, new in zip(before.feelings, after.feelings, strict=True):
            if backed is not None and backed.n >= BACKED_FROM and old.evidence in (
                    Evidence.ASSUMPTION, Evidence.WORKSHOP):
                assert new.evidence == Evidence.SURVEY
                counted += 1
            elif backed is None:
                assert new.evidence == old.evidence
        assert after.goals == before.goals and after.actions == before.actions
    assert raised >= counted > 0


def test_removing_a_stage_says_the_evidence_uses_it(shop) -> None:
    from journeylab.errors import InUseError

    workshop = load_workshop(shop)
    updated, _raised = save(workshop, mapped(workshop, "survey-bg.csv").source)
    with pytest.raises(InUseError, match="survey-bg.csv"):
        remove(updated, "stage", "usage")
    gone = remove(updated, "stage", "usage", cascade=True)
    source = gone.evidence[0]
    assert all(cell.stage != "usage" for cell in source.cells)
    assert all(target != "usage" for target in source.stage_labels.values())


def test_removing_a_persona_keeps_its_ratings_for_the_stage(shop) -> None:
    workshop = load_workshop(shop)
    shown = mapped(workshop, "survey-bg.csv")
    persona = next(target for target in shown.labels["persona"].values() if target)
    updated, _raised = save(workshop, shown.source)
    total = sum(sum(cell.counts) for cell in updated.evidence[0].cells)
    gone = remove(updated, "persona", persona, cascade=True)
    assert sum(sum(cell.counts) for cell in gone.evidence[0].cells) == total
    assert all(cell.persona != persona for cell in gone.evidence[0].cells)


def test_a_sample_of_comments_is_fair_and_bounded(shop, monkeypatch) -> None:
    from journeylab.evidence import scan as scanning

    monkeypatch.setattr(scanning, "COMMENTS_KEPT", 20)
    shown = mapped(load_workshop(shop), "survey-bg.csv")
    kept = shown.scan.comments
    assert kept.groupby("stage").size().max() <= 20
    assert np.isin(kept["row"], np.arange(2, shown.scan.rows + 2)).all()


def test_months_are_named_as_the_language_names_them(shop) -> None:
    from journeylab.evidence.findings import findings
    from journeylab.i18n import format_month, language

    workshop = load_workshop(shop)
    shown = mapped(workshop, "survey-bg.csv")
    months = sorted({c.month for c in shown.source.cells if c.month})
    with language("bg"):
        said = " ".join(findings(workshop, shown.source))
        first, last = (format_month(*map(int, m.split("-"))) for m in (months[0], months[-1]))
    assert first in said and last in said
    assert months[0] not in said
