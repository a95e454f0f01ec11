"""The persona's motto in the handout: one pair of quotes, the handout language's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab import edit
from journeylab.handout.build import handout_notebook
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[2]


def page_html(notebook) -> str:
    """The handout's text cells and shown outputs, as the page holds them."""
    parts = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    parts += [output["data"].get("text/html", "") for cell in notebook.cells
              for output in cell.get("outputs", []) if "data" in output]
    return "".join(parts)


@pytest.mark.parametrize(("code", "shown"), [("bg", "„Искам да говоря с човек“"),
                                             ("lv", "„Искам да говоря с човек”"),
                                             ("en", "“Искам да говоря с човек”")])
def test_a_motto_typed_with_quotes_is_quoted_once(code: str, shown: str) -> None:
    workshop = load_workshop(ROOT / "workshops" / "elektronika-online")
    persona = workshop.personas[2]
    # a file written before mottos were saved bare: the room's own quotes, twice over
    workshop = edit.update(workshop, "persona", persona.id,
                           tagline="„„Искам да говоря с човек““")
    page = page_html(handout_notebook(workshop, language=code, persona=persona.id))
    assert shown in page
    assert page.count("Искам да говоря с човек") == 1
    assert "<q>" not in page.split("jl-tagline", 1)[1][:200]  # no second pair from the browser
