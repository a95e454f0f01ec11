"""What the coverage grid draws: a number per filled cell, "empty" and hatching elsewhere."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from PIL import Image

from journeylab.charts.coverage import FULL, LiveCoverage, cell_counts, coverage_chart

STAGES = [("research", "Research"), ("offer", "Offer"),
          ("conversion", "Conversion (application & approval)")]
PERSONAS = [("ellie", "Ellie, the app-first couple"), ("līga", "Līga, pensionāre"),
            ("олег", "Олег, сравнява цени")]


def table(values: list[list[int]]) -> pd.DataFrame:
    return pd.DataFrame(values, index=pd.Index([p for p, _n in PERSONAS], name="persona"),
                        columns=pd.Index([s for s, _n in STAGES], name="stage"))


COUNTS = table([[5, 0, 12], [0, 0, 3], [30, 1, 0]])


def cell_texts(figure) -> dict[tuple[int, int], str]:
    return {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text()
            for t in figure.axes[0].texts}


def test_each_cell_shows_its_count_or_empty() -> None:
    figure = coverage_chart(COUNTS, STAGES, PERSONAS)
    texts = cell_texts(figure)
    assert len(texts) == 9
    for row, persona in enumerate(COUNTS.index):
        for column, stage in enumerate(COUNTS.columns):
            count = COUNTS.loc[persona, stage]
            assert texts[row, column] == (str(count) if count else "empty")


def test_empty_cells_are_hatched_not_only_pale() -> None:
    figure = coverage_chart(COUNTS, STAGES, PERSONAS)
    squares = [p for p in figure.axes[0].patches if p.get_width() == 1]
    hatched = {(round(p.get_y() + 0.5), round(p.get_x() + 0.5)) for p in squares
               if p.get_hatch()}
    assert hatched == {(0, 1), (1, 0), (1, 1), (2, 2)}
    shades = {(round(p.get_y() + 0.5), round(p.get_x() + 0.5)): p.get_facecolor()
              for p in squares}
    # more cards, darker square; the scale stops at FULL so one card never recolours all
    assert sum(shades[2, 0][:3]) < sum(shades[0, 2][:3]) < sum(shades[0, 0][:3])
    assert FULL < 30 and shades[2, 0] == coverage_chart(
        table([[0, 0, 0], [0, 0, 0], [FULL, 0, 0]]), STAGES, PERSONAS).axes[0].patches[6] \
        .get_facecolor()


def test_names_label_rows_and_columns_with_the_current_cell_outlined() -> None:
    figure = coverage_chart(COUNTS, STAGES, PERSONAS, current=("offer", "олег"))
    axes = figure.axes[0]
    assert [t.get_text().replace("\n", " ") for t in axes.get_xticklabels()] == [
        name for _id, name in STAGES]
    assert [t.get_text().replace("\n", " ") for t in axes.get_yticklabels()] == [
        name for _id, name in PERSONAS]
    outline = [p for p in axes.patches if p.get_visible() and not p.get_fill()]
    assert len(outline) == 1
    x, y = outline[0].get_xy()
    assert (round(x + 0.5), round(y + 0.5)) == (1, 2)
    assert "empty" in axes.get_title(loc="left")


def test_cell_counts_reads_the_table_by_stage_and_persona() -> None:
    found = cell_counts(COUNTS)
    assert found["conversion", "ellie"] == 12 and found["research", "олег"] == 30
    assert len(found) == 9


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def test_live_grid_repaints_changed_cells_to_the_same_picture_as_a_fresh_one() -> None:
    live = LiveCoverage()
    live.png(COUNTS, STAGES, PERSONAS, current=("research", "ellie"))
    figure = live.figure
    changed = COUNTS.copy()
    changed.loc["līga", "offer"] = 4
    changed.loc["ellie", "research"] = 0
    repainted = live.png(changed, STAGES, PERSONAS, current=("conversion", "олег"))
    assert live.figure is figure  # the frame was kept
    fresh = LiveCoverage().png(changed, STAGES, PERSONAS, current=("conversion", "олег"))
    difference = np.abs(pixels(repainted) - pixels(fresh))
    assert difference.mean() < 0.5 and (difference > 64).mean() < 0.001
    texts = cell_texts(figure)
    assert texts[1, 1] == "4" and texts[0, 0] == "empty"


def test_live_grid_draws_anew_when_a_persona_is_added() -> None:
    live = LiveCoverage()
    live.png(COUNTS, STAGES, PERSONAS)
    figure = live.figure
    more = [*PERSONAS, ("new", "New persona")]
    counts = pd.concat([COUNTS, table([[0, 0, 0]] * 3).iloc[:1].set_axis(["new"])])
    live.png(counts, STAGES, more)
    assert live.figure is not figure
    assert cell_texts(live.figure)[3, 0] == "empty"
