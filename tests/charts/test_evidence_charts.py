"""Charts of customer evidence: what they draw, checked against the data, not pixels."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from journeylab.charts.evidence import (monthly_chart, room_versus_customers_chart,
                                        stage_ratings_chart)
from journeylab.evidence.measures import COLUMNS

STAGES = [("ask", "Осведоменост"), ("buy", "Piegāde un uzstādīšana"), ("use", "Usage")]


def comparison(persona: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        "source": "s", "stage": ["ask", "buy", "use"], "persona": [persona] * 3,
        "room": [1.0, 0.8, -0.5], "customers": [0.9, -1.2, -0.4],
        "customers_low": [0.6, -1.5, math.nan], "customers_high": [1.2, -0.9, math.nan],
        "n": [120, 80, 1], "optimistic": [False, True, False]})


def drawn(figure) -> None:
    """Draw ``figure`` fully, failing on any warning (a missing glyph warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        FigureCanvasAgg(figure).draw()


def test_room_and_customers_are_drawn_with_the_data_and_the_flag() -> None:
    figure = room_versus_customers_chart(comparison(), STAGES)
    drawn(figure)
    axes = figure.axes[0]
    room = next(line for line in axes.lines if line.get_gid() == "room")
    assert list(room.get_ydata()) == [1.0, 0.8, -0.5]
    assert room.get_linestyle() == "--" and room.get_marker() == "o"
    customers = [line for line in axes.lines if line.get_marker() == "s"]
    assert len(customers) == 1 and list(customers[0].get_ydata()) == [0.9, -1.2, -0.4]
    flags = [t for t in axes.texts if (t.get_gid() or "").startswith("optimistic:")]
    assert [t.get_gid() for t in flags] == ["optimistic:buy"]
    labels = [t.get_text() for t in axes.get_xticklabels()]
    assert "Осведоменост" in labels[0] and "Piegāde" in labels[1]


def test_one_panel_per_persona() -> None:
    table = pd.concat([comparison("Мария"), comparison("Jānis")], ignore_index=True)
    figure = room_versus_customers_chart(table, STAGES)
    drawn(figure)
    titles = [axes.get_title(loc="left") for axes in figure.axes if axes.get_visible()]
    assert titles == ["Мария", "Jānis"]


def test_stage_ratings_show_each_stage_with_its_count_and_sign() -> None:
    table = pd.DataFrame([
        {"stage": "ask", **dict(zip(COLUMNS, (120, 4.2, 1.8, 1.5, 2.1, 80, 70, 88),
                                    strict=True))},
        {"stage": "buy", **dict(zip(COLUMNS, (80, 2.0, -1.5, -1.9, -1.1, 20, 12, 30),
                                    strict=True))}])
    figure = stage_ratings_chart(table, STAGES)
    drawn(figure)
    axes = figure.axes[0]
    bars = axes.patches
    assert [round(bar.get_width(), 6) for bar in bars] == [1.8, -1.5, 0.0]
    assert bars[1].get_hatch() == "//" and not bars[0].get_hatch()  # not by colour alone
    said = [t.get_text() for t in axes.texts]
    assert said == ["n = 120", "n = 80", "no ratings"]
    assert [t.get_text() for t in axes.get_yticklabels()][0].startswith("Осведоменост")


def test_monthly_chart_keeps_month_order_and_draws_targets() -> None:
    table = pd.DataFrame({"month": ["2026-02", "2025-12", None, "2026-01"],
                          "headline": [40.0, 30.0, 50.0, 35.0],
                          "headline_low": [35.0, 25.0, 45.0, 30.0],
                          "headline_high": [45.0, 35.0, 55.0, 40.0]})
    figure = monthly_chart(table, "CSAT, % satisfied", [("Faster delivery", 60.0)])
    drawn(figure)
    axes = figure.axes[0]
    line = next(line for line in axes.lines if line.get_gid() == "headline")
    assert list(line.get_ydata()) == [30.0, 35.0, 40.0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["12.2025", "01.2026", "02.2026"]
    targets = [line for line in axes.lines if line.get_linestyle() == ":"]
    assert len(targets) == 1 and np.allclose(targets[0].get_ydata(), 60.0)
    assert any("Faster delivery" in t.get_text() for t in axes.get_legend().get_texts())


@pytest.mark.parametrize("name", ["Ļoti ilgi gaidīju piegādi", "Доставката закъсня",
                                  "Испораката доцни", "Доставка задержалась"])
def test_every_language_draws_without_missing_glyphs(name) -> None:
    drawn(room_versus_customers_chart(comparison(name), [(s, name) for s, _n in STAGES]))
