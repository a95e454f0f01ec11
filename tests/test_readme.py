"""The README's command-line examples work as written, in a fresh shell after `make start`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def command_examples() -> list[str]:
    """The lines of the shell block under "## Command line", comments left out."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_examples_are_found() -> None:
    examples = command_examples()
    assert len(examples) >= 10
    assert all(line.startswith(".venv/bin/journeylab ") for line in examples)


@pytest.mark.slow
def test_every_example_runs_as_written_in_a_fresh_shell(tmp_path: Path) -> None:
    if not (ROOT / ".venv" / "bin" / "journeylab").exists():
        pytest.skip("the project's environment is not set up (make start or make test)")
    for folder in ("workshops", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    venv_bin = str(ROOT / ".venv" / "bin")
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != venv_bin)
    environment = {**os.environ, "PATH": path}
    environment.pop("VIRTUAL_ENV", None)
    for line in command_examples():
        if " start " in f"{line} ":
            continue  # a server that runs until stopped: the browser tests start it
        done = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=environment,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    assert (tmp_path / "workshops" / "mortgage-copy" / "journey.json").is_file()
    assert (tmp_path / "handouts" / "mortgage-journey.pdf").is_file()
