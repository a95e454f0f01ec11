"""``journeylab handout``: one file, many at once with progress, clear refusals."""

from __future__ import annotations

from pathlib import Path

import nbformat

from journeylab.cli import main
from journeylab.i18n import _, language

ROOT = Path(__file__).parents[2]
DEMOS = sorted(str(p.parent) for p in (ROOT / "workshops").glob("*/journey.json"))


def test_one_workshop_to_one_file_with_its_notebook(tmp_path, capsys) -> None:
    out = tmp_path / "handout.html"
    assert main(["handout", DEMOS[0], "-o", str(out), "--lang", "lv"]) == 0
    with language("lv"):
        assert _("Wrote {path}", path=out) in capsys.readouterr().out
    assert "<html lang=\"lv\"" in out.read_text(encoding="utf-8")
    nbformat.validate(nbformat.read(out.with_suffix(".ipynb"), as_version=4))


def test_many_workshops_into_a_folder_with_progress(tmp_path, capsys) -> None:
    assert len(DEMOS) >= 2
    assert main(["handout", *DEMOS, "-o", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == sorted(
        f"{Path(d).name}.html" for d in DEMOS)
    assert f"{len(DEMOS)}/{len(DEMOS)}" in printed.err


def test_unknown_persona_and_broken_workshop_are_refused(tmp_path, capsys) -> None:
    assert main(["handout", DEMOS[0], "--persona", "nobody", "-o",
                 str(tmp_path / "x.html")]) == 1
    with language("bg"):  # the language of the workshop, as no --lang says otherwise
        refused = _("unknown persona '{id}'; choose one of: {choices}", id="nobody",
                    choices="")
    assert refused.split(":")[0] in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "journey.json").write_text('{"schema_version": 1, "title": ', encoding="utf-8")
    assert main(["handout", str(broken), "-o", str(tmp_path / "y.html")]) == 1
    assert "line 1" in capsys.readouterr().err
