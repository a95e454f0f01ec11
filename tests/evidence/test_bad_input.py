"""Bad exports: each gets a clear message naming the file (and row and column where there
is one), the command exits 1 without a traceback, and the workshop is not touched."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from journeylab.cli import main

from .conftest import SAMPLES


def text_file(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def big_line(tmp_path: Path) -> Path:
    path = tmp_path / "one-line.csv"
    with open(path, "wb") as out:
        for _ in range(50):
            out.write(b"x;" * (1 << 19))  # 50 MB, no line break
    return path


def broken_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return path


CASES = {
    "empty": (lambda tmp: text_file(tmp, ""), "the file is empty", None),
    "header only": (lambda tmp: text_file(tmp, "Stage,Score\n"), "no rows", None),
    "binary": (lambda tmp: Path("/bin/ls") if Path("/bin/ls").exists() else
               tmp.joinpath("x.bin").write_bytes(b"\0\1\2" * 100) and tmp / "x.bin",
               "binary data", None),
    "one 50 MB line": (big_line, "longer than", "row 1"),
    "old xls": (lambda tmp: tmp.joinpath("old.csv").write_bytes(
        b"\xd0\xcf\x11\xe0" + b"\0" * 600) and tmp / "old.csv", ".xls", None),
    "broken xlsx": (broken_workbook, "Excel workbook", None),
    "no columns": (lambda tmp: text_file(tmp, "just some words\nmore words\n"),
                   "no columns", "row 1"),
    "missing file": (lambda tmp: tmp / "absent.csv", "no file here", None),
    "no stage column": (lambda tmp: text_file(tmp, "When,Score\n1,2\n"),
                        "column with the stage", None),
    "a duplicate column": (lambda tmp: text_file(tmp, "Stage,Score,Score\nA,1,2\n"),
                           "appears twice", "column 'Score'"),
}


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_export_is_refused_clearly_and_changes_nothing(shop, tmp_path, capsys,
                                                          case) -> None:
    make, words, where = CASES[case]
    path = make(tmp_path)
    before = files(shop)
    code = main(["evidence", str(shop), str(path), "--save"])
    out, err = capsys.readouterr()
    assert code == 1
    assert words in err and str(path) in err
    if where:
        assert where in err
    assert "Traceback" not in err + out
    assert files(shop) == before


def test_a_mapping_naming_a_missing_column_is_refused(shop, tmp_path, capsys) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {"stage": "Етап", "rating": "Rating"},
                                   "scale": {"kind": "csat", "low": 1, "high": 5}}),
                       encoding="utf-8")
    before = files(shop)
    code = main(["evidence", str(shop), str(SAMPLES / "survey-bg.csv"), "--mapping",
                 str(mapping), "--save"])
    err = capsys.readouterr().err
    assert code == 1 and "'Rating' is missing" in err and "survey-bg.csv" in err
    assert files(shop) == before


def test_a_new_scale_under_an_old_mapping_is_refused(shop, tmp_path, capsys) -> None:
    """Last month's export was CSAT 1–5; this month's holds NPS 0–10 in the same column."""
    export = text_file(tmp_path, "\n".join(["Етап,Оценка"] + [f"Плащане,{n % 11}"
                                                               for n in range(44)]))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {"stage": "Етап", "rating": "Оценка"},
                                   "scale": {"kind": "csat", "low": 1, "high": 5},
                                   "labels": {"stage": {"Плащане": "purchase"}}}),
                       encoding="utf-8")
    before = files(shop)
    code = main(["evidence", str(shop), str(export), "--mapping", str(mapping), "--save"])
    err = capsys.readouterr().err
    assert code == 1
    assert "rows cannot be used" in err and "a rating outside the scale" in err
    assert "column 'Оценка'" in err and "export.csv" in err
    assert files(shop) == before


def test_a_broken_mapping_file_says_where(shop, tmp_path, capsys) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"columns": {"stage": "Етап"},\n "scale": {"kind": "nps", "low": 1}}',
                       encoding="utf-8")
    code = main(["evidence", str(shop), str(SAMPLES / "survey-bg.csv"), "--mapping",
                 str(mapping)])
    err = capsys.readouterr().err
    assert code == 1 and "not a valid mapping" in err and "scale" in err
    mapping.write_text('{"columns": ', encoding="utf-8")
    assert main(["evidence", str(shop), str(SAMPLES / "survey-bg.csv"), "--mapping",
                 str(mapping)]) == 1
    assert "line 1" in capsys.readouterr().err


def test_unknown_stage_labels_are_counted_and_nothing_is_saved_without_a_stage(
        shop, capsys) -> None:
    before = files(shop)
    code = main(["evidence", str(shop), str(SAMPLES / "survey-mk.csv"), "--save"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "600: a stage label not mapped to a stage" in out
    assert "Nothing to save" in err
    assert files(shop) == before


def test_the_command_shows_saves_and_writes_its_mapping(shop, tmp_path, capsys) -> None:
    mapping = tmp_path / "mapping.json"
    assert main(["evidence", str(shop), str(SAMPLES / "survey-bg.csv"), "--write-mapping",
                 str(mapping)]) == 0
    written = json.loads(mapping.read_text(encoding="utf-8"))
    stages = [s["id"] for s in json.loads((shop / "journey.json").read_text(
        encoding="utf-8"))["stages"]]
    written["labels"]["stage"] = {label: stages[n % len(stages)]
                                  for n, label in enumerate(written["labels"]["stage"])}
    mapping.write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["evidence", str(shop), str(SAMPLES / "survey-bg.csv"), "--mapping",
                 str(mapping), "--save"]) == 0
    out = capsys.readouterr().out
    assert "encoding cp1251" in out and "Saved the evidence" in out
    saved = json.loads((shop / "journey.json").read_text(encoding="utf-8"))["evidence"]
    assert len(saved) == 1 and saved[0]["file_name"] == "survey-bg.csv"
    assert (shop / ".respondent-key").stat().st_mode & 0o077 == 0
