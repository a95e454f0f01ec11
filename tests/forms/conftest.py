"""What the form tests share: a demo workshop of their own, and English between tests."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def demo_copy(tmp_path: Path, name: str) -> Path:
    """A copy of the demo workshop ``name`` that the test may change."""
    target = tmp_path / name
    shutil.copytree(ROOT / "workshops" / name, target)
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the English demo workshop that the test may change."""
    return demo_copy(tmp_path, "mortgage-journey")


def plain(markup: str) -> str:
    """The text of some HTML as a reader sees it: tags gone, entities decoded, trimmed."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()


def editor_row(form, name: str):
    """The field row ``name`` of a form's item editor."""
    return next(r for r in form.editor.rows if r.spec.name == name)
