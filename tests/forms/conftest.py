"""What the form tests share: a demo workshop of their own, and English between tests."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from journeylab.i18n import set_language

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def english():
    """Opening a workshop sets the kernel's language: leave English for the next test."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the English demo workshop that the test may change."""
    target = tmp_path / "mortgage-journey"
    shutil.copytree(ROOT / "workshops" / "mortgage-journey", target)
    return target


def plain(markup: str) -> str:
    """The text of some HTML as a reader sees it: tags gone, entities decoded, trimmed."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()
