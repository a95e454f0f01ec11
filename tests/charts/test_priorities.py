"""The priority matrix and the KPI chart: what they draw, not how their pixels look."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex

from journeylab.charts.priorities import (
    KIND_STYLE,
    LiveKpiTargets,
    LivePriorityMatrix,
    kpi_rows,
    kpi_targets,
    matrix_points,
    priority_matrix,
    track_position,
)
from journeylab.forms.show import figure_png
from journeylab.i18n import language
from journeylab.model import Action, InsightKind
from journeylab.sample import large_workshop
from journeylab.store import load_workshop

from ..strategies import insight

ROOT = Path(__file__).parents[2]
DEMOS = ["elektronika-online", "mortgage-journey"]


def texts(figure) -> list[str]:
    return [t.get_text() for t in figure.axes[0].texts]


def all_texts(figure) -> list[str]:
    return texts(figure) + [t.get_text() for t in figure.texts] + [
        t.get_text() for legend in figure.legends for t in legend.get_texts()]


def scatters(figure) -> dict[str, PathCollection]:
    return {c.get_label(): c for c in figure.axes[0].collections
            if isinstance(c, PathCollection)}


def label_boxes(figure):
    renderer = FigureCanvasAgg(figure).get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in figure.axes[0].texts
            if t.get_text().startswith("▲")]


# -- the matrix ---------------------------------------------------------------------------------

def test_every_insight_is_labelled_with_its_votes_and_title() -> None:
    insights = [insight(1, 5, 1, votes=6, title="Hidden delivery fee"),
                insight(2, 2, 4, votes=0, kind="opportunity", title="Loyalty points"),
                insight(3, 4, 4, votes=2, title="Слаба поддръжка по телефона")]
    figure = priority_matrix(insights)
    labels = [t.replace("\n", " ") for t in texts(figure) if t.startswith("▲")]
    assert sorted(labels) == sorted(["▲6 Hidden delivery fee", "▲0 Loyalty points",
                                     "▲2 Слаба поддръжка по телефона"])
    # the quadrants are named
    assert {"Quick wins", "Big bets", "Fill-ins", "Money pits"} <= set(texts(figure))


def test_kinds_differ_by_marker_and_colour_and_sit_on_their_ratings() -> None:
    insights = [insight(1, 5, 1), insight(2, 2, 4, kind="opportunity"),
                insight(3, 4, 2, kind="opportunity")]
    drawn = scatters(priority_matrix(insights))
    assert set(drawn) == {"Pain point", "Opportunity"}
    pain, opportunity = drawn["Pain point"], drawn["Opportunity"]
    assert len(pain.get_offsets()) == 1 and len(opportunity.get_offsets()) == 2
    assert to_hex(pain.get_facecolor()[0]) != to_hex(opportunity.get_facecolor()[0])
    assert KIND_STYLE[InsightKind.PAIN_POINT][1] != KIND_STYLE[InsightKind.OPPORTUNITY][1]
    # each point is in the square of its ratings: effort across, impact up
    assert {(round(x), round(y)) for x, y in opportunity.get_offsets()} == {(4, 2), (2, 4)}
    assert [(round(x), round(y)) for x, y in pain.get_offsets()] == [(1, 5)]


def test_marker_size_grows_with_votes() -> None:
    insights = [insight(n, impact=n, effort=n, votes=v) for n, v in ((1, 0), (2, 3), (3, 9))]
    sizes = list(scatters(priority_matrix(insights))["Pain point"].get_sizes())
    by_votes = [p.size for p in sorted(matrix_points(insights)[0], key=lambda p: p.insight.votes)]
    assert sorted(sizes) == sorted(by_votes)
    assert by_votes[0] < by_votes[1] < by_votes[2]


def test_a_crowded_square_shows_the_first_few_and_counts_the_rest() -> None:
    insights = [insight(n, impact=5, effort=1, votes=n) for n in range(7)]
    figure = priority_matrix(insights)
    labels = [t for t in texts(figure) if t.startswith("▲")]
    assert sorted(labels) == ["▲3 Insight 3", "▲4 Insight 4", "▲5 Insight 5", "▲6 Insight 6"]
    assert "+ 3 more" in texts(figure)
    assert len(scatters(figure)["Pain point"].get_offsets()) == 4


@pytest.mark.parametrize("source", [*DEMOS, "large", "crowded"])
def test_labels_do_not_run_into_each_other(source: str) -> None:
    if source == "large":
        insights = large_workshop().insights
    elif source == "crowded":
        long = "A pain point with a rather long title that needs wrapping to fit"
        insights = [insight(n, impact=1 + n % 5, effort=1 + n // 5 % 5, votes=n % 4,
                            title=f"{long} {n}") for n in range(60)]
    else:
        insights = load_workshop(ROOT / "workshops" / source).insights
    figure = priority_matrix(insights)
    boxes = label_boxes(figure)
    assert len(boxes) >= min(len(insights), 14)
    for (first, a), (second, b) in itertools.combinations(boxes, 2):
        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_x <= 1 or overlap_y <= 1, (first, second)
    # and stay inside the plot
    renderer = FigureCanvasAgg(figure).get_renderer()
    frame = figure.axes[0].get_window_extent(renderer)
    assert all(box.x1 <= frame.x1 + 2 for _label, box in boxes)


def test_an_empty_matrix_says_so() -> None:
    figure = priority_matrix([])
    assert "No insights yet: add them above." in texts(figure)
    assert not scatters(figure)
    assert figure_png(figure).startswith(b"\x89PNG")


def test_the_matrix_speaks_the_room_s_language() -> None:
    with language("bg"):
        from journeylab.i18n import _
        expected = _("Quick wins")
        figure = priority_matrix([insight(1)])
    assert expected in texts(figure)


def test_live_matrix_draws_the_frame_once_and_the_points_on_each_change() -> None:
    live = LivePriorityMatrix()
    first = live.png([insight(1, votes=1)])
    frame = live.figure
    second = live.png([insight(1, votes=2), insight(2, 5, 1, kind="opportunity")])
    assert first.startswith(b"\x89PNG") and second != first
    assert live.figure is frame
    labels = [a.get_text() for a in live.live.artists if hasattr(a, "get_text")]
    assert sorted(labels) == ["▲0 Insight 2", "▲2 Insight 1"]


# -- the KPI chart ------------------------------------------------------------------------------

def action(n: int, baseline: float | None, target: float | None, **fields) -> Action:
    return Action(id=f"a{n}", title=fields.pop("title", f"Action {n}"), baseline=baseline,
                  target=target, **fields)


def test_each_row_has_its_own_scale_from_zero() -> None:
    assert track_position(50, 50, 100) == pytest.approx(0.45)
    assert track_position(100, 50, 100) == pytest.approx(0.9)
    assert track_position(-12, -12, 15) == 0
    assert track_position(0, -12, 15) == pytest.approx(0.9 * 12 / 27)
    assert track_position(3, None, 3) == pytest.approx(0.9)


def test_kpi_rows_show_baseline_to_target_with_the_unit() -> None:
    actions = [action(1, 3.4, 4.3, kpi="CSAT", unit="points"),
               action(2, 78, 68, kpi="Drop-off", unit="%"),
               action(3, None, None, kpi="NPS"),
               action(4, None, 30, kpi="NPS", title="Ask every customer")]
    assert [a.id for a in kpi_rows(actions)] == ["a1", "a2", "a4"]
    figure = kpi_targets(actions)
    shown = all_texts(figure)
    assert "3.4 → 4.3 points" in shown and "78 → 68 %" in shown and "? → 30" in shown
    assert {"Action 1", "Action 2", "Ask every customer"} <= set(shown)
    assert {"CSAT", "Drop-off", "NPS"} <= set(shown)
    assert "Action 3" not in shown
    lines = {tuple(line.get_xdata()): line for line in figure.axes[0].lines}
    # baselines and targets, at their rows' positions; a missing baseline is left out
    baselines = next(line for line in figure.axes[0].lines
                     if line.get_markerfacecolor() == "white")
    assert list(baselines.get_ydata()) == [0, 1, 2]
    assert baselines.get_xdata()[0] == pytest.approx(0.9 * 3.4 / 4.3)
    assert baselines.get_xdata()[1] == pytest.approx(0.9)
    heads = {line.get_marker(): list(line.get_ydata()) for line in lines.values()
             if line.get_marker() in (">", "<")}
    assert heads == {">": [0], "<": [1]}  # up for CSAT, down for drop-off
    assert len(lines) >= 3


def test_negative_baselines_show_where_zero_is() -> None:
    figure = kpi_targets([action(1, -12, 15, kpi="NPS")])
    zero_marks = [c for c in figure.axes[0].collections if isinstance(c, LineCollection)
                  and len(c.get_segments()) == 1 and c.get_segments()[0][0][0] > 0]
    assert zero_marks and zero_marks[-1].get_segments()[0][0][0] == pytest.approx(0.4)
    assert "-12 → 15" in all_texts(figure)


def test_no_numbers_yet_says_so() -> None:
    figure = kpi_targets([action(1, None, None)])
    assert "No action has a baseline or a target yet." in all_texts(figure)
    assert figure_png(figure).startswith(b"\x89PNG")


def test_live_kpi_chart_keeps_its_frame_until_the_rows_change() -> None:
    live = LiveKpiTargets()
    live.png([action(1, 1, 2, kpi="NPS")])
    frame = live.figure
    live.png([action(1, 1, 3, kpi="NPS", title="Renamed")])
    assert live.figure is frame
    shown = [a.get_text() for a in live.live.artists if hasattr(a, "get_text")]
    assert "1 → 3" in shown and "Renamed" in shown
    live.png([action(1, 1, 3, kpi="NPS"), action(2, 5, 4, kpi="CSAT")])
    assert live.figure is not frame
    assert len(live.figure.axes[0].collections[0].get_segments()) == 2  # one track per row


def test_dollar_signs_in_titles_are_drawn_as_typed() -> None:
    import io

    from journeylab.charts.priorities import priority_matrix
    from journeylab.model import Insight

    titles = ["From $50 to $80 a month", r"$$\unicode{<img src=x>}$$"]
    insights = [Insight(id=f"i{n}", kind="pain_point", title=t, impact=4, effort=2, votes=1)
                for n, t in enumerate(titles)]
    figure = priority_matrix(insights)
    figure.savefig(io.BytesIO(), format="png")  # a formula parser would raise here
    drawn = " ".join(t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")))
    assert "$50" in drawn
