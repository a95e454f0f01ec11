"""The command line, used as a script would: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeylab.cli import main
from journeylab.i18n import _, language
from journeylab.store import load_workshop

FILES = Path(__file__).parent / "files"


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    folder.mkdir()
    shutil.copyfile(FILES / "v1_every_list.json", folder / "journey.json")
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_creates_a_workshop_named_after_its_title(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, "new", "Ипотека 2027", "--framework", "five-stages-research",
                       "--workshop-lang", "bg", "--root", str(tmp_path))
    assert code == 0
    created = tmp_path / "ipoteka-2027" / "journey.json"
    assert str(created) in out
    workshop = load_workshop(created)
    assert workshop.title == "Ипотека 2027" and workshop.language == "bg"
    assert [s.id for s in workshop.stages] == ["research", "offer", "conversion", "usage",
                                               "loyalty"]
    code, _, _ = run(capsys, "new", "Ипотека 2027", "--root", str(tmp_path))
    assert code == 0 and (tmp_path / "ipoteka-2027-2" / "journey.json").exists()


def test_validate_reports_each_file(workshop, capsys) -> None:
    code, out, err = run(capsys, "validate", str(workshop), str(FILES / "dangling_reference.json"))
    assert code == 1
    assert f"{workshop / 'journey.json'}: valid" in out
    assert "touchpoints[0].stages[1]: touchpoint 'web-chat' refers to stage 'buy'" in err


def test_summary_is_in_the_workshop_language_and_counts_what_is_there(workshop, capsys) -> None:
    code, out, _err = run(capsys, "summary", str(workshop))
    assert code == 0
    assert out.startswith("Онлайн магазин\n")
    with language("bg"):  # the summary speaks the workshop's language
        touchpoints = _("Touchpoints")
        counted = _("{total} ({online} online, {offline} offline)", total=2, online=1,
                    offline=1)
        date, disagrees = _("Date"), _("The room disagrees about {persona} at {stage}: scores "
                                       "from {low} ")
    assert re.search(rf"^{re.escape(touchpoints)} +{re.escape(counted)}$", out, re.M)
    assert re.search(rf"^{re.escape(date)} +03\.11\.2026$", out, re.M)  # Bulgarian date
    assert re.search(r"^Покупка +-2,0$", out, re.M) and re.search(r"^Осведоменост +—$", out,
                                                                    re.M)
    assert disagrees.split("{")[0] not in out  # a spread of 2 is not a disagreement


@pytest.mark.parametrize("name", ["out.json", "out.xlsx", "csv-folder"])
def test_export_then_import_gives_the_same_workshop(workshop, tmp_path, capsys, name) -> None:
    out = tmp_path / name
    code, printed, err = run(capsys, "export", str(workshop), "-o", str(out))
    assert (code, err) == (0, "") and out.exists()
    code, _, err = run(capsys, "import", str(out), str(tmp_path / "copy"))
    assert (code, err) == (0, "")
    assert load_workshop(tmp_path / "copy") == load_workshop(workshop)


def test_export_refuses_to_overwrite_without_force(workshop, tmp_path, capsys) -> None:
    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "export", str(workshop), "-o", str(out))
    assert code == 1 and "--force" in err and out.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "export", str(workshop), "-o", str(out), "--force")
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))["title"] == "Онлайн магазин"


def test_import_refuses_to_replace_without_replace(workshop, capsys) -> None:
    before = (workshop / "journey.json").read_bytes()
    code, _, err = run(capsys, "import", str(FILES / "v1_minimal.json"), str(workshop))
    assert code == 1 and "--replace" in err
    assert (workshop / "journey.json").read_bytes() == before
    code, _, _ = run(capsys, "import", str(FILES / "v1_minimal.json"), str(workshop), "--replace")
    assert code == 0 and load_workshop(workshop).title == "Minimal workshop"


def test_import_of_a_broken_file_writes_nothing(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "import", str(FILES / "corrupt_truncated.json"), str(tmp_path / "w"))
    assert code == 1 and "line 5" in err and "Traceback" not in err
    assert not (tmp_path / "w").exists()


def test_schema_matches_the_committed_file(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    committed = Path(__file__).parents[1] / "journeylab" / "schema" / "workshop.schema.json"
    assert code == 0
    assert json.loads(out) == json.loads(committed.read_text(encoding="utf-8")), \
        "the model changed: run `make schema` and commit the new schema"


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summary"])
    assert caught.value.code == 2


def test_python_dash_m_runs_the_same_command_line(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "journeylab", "validate", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Cannot read {tmp_path / 'journey.json'}: there is no "
                                     "workshop file here")


def test_write_errors_are_one_line(workshop, tmp_path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "new", "Shop", "--folder", str(blocker / "inside"))
    assert code == 1 and "Traceback" not in err and str(blocker) in err
