"""A copy of the Bulgarian demo workshop to import customer data into."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    shutil.copytree(ROOT / "workshops" / "elektronika-online", folder,
                    ignore=shutil.ignore_patterns(".respondent-key"))
    return folder
