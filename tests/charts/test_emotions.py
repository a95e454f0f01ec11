"""What the emotion curve draws: means, spread, emotion words, discussion marks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import FillBetweenPolyCollection, LineCollection

from journeylab import edit
from journeylab.analysis import discussion_prompts, emotion_by_stage
from journeylab.charts.emotions import (
    LiveEmotionCurve,
    emotion_curve,
    nearest_score,
    scale_label,
    series_for,
    signed,
)
from journeylab.charts.style import MARKERS, PALETTE
from journeylab.sample import large_workshop

STAGES = [("awareness", "Осведоменост"), ("research", "Интерес и проучване"),
          ("decision", "Решение"), ("loyalty", "Лоялност и повторна покупка")]
PERSONAS = [("maria", "Мария, практичната майка"), ("georgi", "Георги, сравнителят")]


@pytest.fixture
def workshop():
    """Three participants score Мария and Георги; the room splits on Мария's decision."""
    workshop = edit.new_workshop("Криви", "bg", framework="custom")
    for stage_id, name in STAGES:
        workshop = edit.add(workshop, "stage", {"id": stage_id, "name": name})
    for persona_id, name in PERSONAS:
        workshop = edit.add(workshop, "persona", {"id": persona_id, "name": name})
    for who in ("a", "b", "c"):
        workshop = edit.add(workshop, "participant", {"id": who, "name": who.upper()})
    scores = {"maria": {"awareness": [1, 1, 2], "research": [0, -1, 0],
                        "decision": [-3, 0, 2]},  # loyalty: nobody scored it
              "georgi": {"awareness": [2, 2, 2], "research": [1, 0, 1],
                         "decision": [0, 0, -1], "loyalty": [2, 3, 3]}}
    for persona, by_stage in scores.items():
        for stage, values in by_stage.items():
            for who, value in zip("abc", values, strict=True):
                workshop = edit.set_score(workshop, who, persona, stage, value)
    return workshop


def curve_lines(figure):
    return {line.get_gid(): line for line in figure.axes[0].lines if line.get_gid()}


def test_one_line_per_persona_through_the_mean_scores(workshop) -> None:
    table = emotion_by_stage(workshop)
    figure = emotion_curve(table, STAGES, PERSONAS)
    lines = curve_lines(figure)
    assert set(lines) == {"maria", "georgi"}
    np.testing.assert_allclose(lines["maria"].get_ydata(), [4 / 3, -1 / 3, -1 / 3, np.nan])
    np.testing.assert_allclose(lines["georgi"].get_ydata(), [2, 2 / 3, -1 / 3, 8 / 3])
    # overlaid personas sit side by side, so their error bars stay apart
    assert lines["maria"].get_xdata()[0] < lines["georgi"].get_xdata()[0]


def test_each_persona_keeps_its_colour_and_marker_alone_or_overlaid(workshop) -> None:
    table = emotion_by_stage(workshop)
    alone = curve_lines(emotion_curve(table, STAGES, PERSONAS, shown=["georgi"]))["georgi"]
    together = curve_lines(emotion_curve(table, STAGES, PERSONAS))["georgi"]
    assert alone.get_color() == together.get_color() == PALETTE[1]
    assert alone.get_marker() == together.get_marker() == MARKERS[1]
    assert [s.persona for s in series_for(PERSONAS, ["georgi"])] == ["georgi"]


def test_one_persona_gets_a_lowest_to_highest_band_and_sd_bars(workshop) -> None:
    table = emotion_by_stage(workshop)
    figure = emotion_curve(table, STAGES, PERSONAS, shown=["maria"])
    axes = figure.axes[0]
    bands = [c for c in axes.collections if isinstance(c, FillBetweenPolyCollection)]
    assert len(bands) == 1
    decision = bands[0].get_paths()[0].vertices
    assert decision[:, 1].min() == -3 and decision[:, 1].max() == 2
    bars = [c for c in axes.collections if isinstance(c, LineCollection)
            and not isinstance(c, FillBetweenPolyCollection)]
    segments = [s for s in bars[0].get_segments() if not np.isnan(s).any()]
    sd = float(np.std([-3, 0, 2], ddof=1))
    assert any(s[0][1] == pytest.approx(-1 / 3 - sd) and s[1][1] == pytest.approx(-1 / 3 + sd)
               for s in segments)
    overlaid = emotion_curve(table, STAGES, PERSONAS)
    assert not [c for c in overlaid.axes[0].collections
                if isinstance(c, FillBetweenPolyCollection)]


def test_axes_speak_emotion_words_and_wrapped_stage_names(workshop) -> None:
    figure = emotion_curve(emotion_by_stage(workshop), STAGES, PERSONAS)
    axes = figure.axes[0]
    words = [t.get_text() for t in axes.get_yticklabels()]
    assert words == [scale_label(s) for s in range(-3, 4)]
    assert words[0] == "Furious (−3)" and words[3] == "Neutral (0)" \
        and words[-1] == "Delighted (+3)"
    assert list(axes.get_yticks()) == list(range(-3, 4))
    stages = [t.get_text() for t in axes.get_xticklabels()]
    assert stages[1].replace("\n", " ") == "Интерес и проучване"
    assert "\n" in stages[3]


def test_the_stages_where_the_room_disagrees_are_labelled(workshop) -> None:
    table = emotion_by_stage(workshop)
    prompts = discussion_prompts(table[table["persona"] == "maria"])
    assert list(prompts["stage"]) == ["decision"]
    figure = emotion_curve(table, STAGES, PERSONAS, shown=["maria"], discuss=prompts)
    texts = [t for t in figure.axes[0].texts]
    assert [t.get_text() for t in texts] == ["discuss: 5 points apart"]
    assert texts[0].get_position()[0] == 2  # above the decision stage
    rings = [line for line in figure.axes[0].lines
             if line.get_markerfacecolor() == "none" and line.get_markersize() > 12]
    assert len(rings) == 1 and rings[0].get_ydata()[0] == pytest.approx(-1 / 3)


@pytest.mark.parametrize("stages", [5, 6, 12])
def test_labels_of_neighbouring_stages_never_overlap(stages: int) -> None:
    workshop = large_workshop(stages=stages, personas=1, participants=5, touchpoints=2)
    table = emotion_by_stage(workshop)
    names = [(s.id, s.name) for s in workshop.stages]
    prompts = table.assign(spread=4).head(3)  # three neighbouring stages
    figure = emotion_curve(table, names, [("persona-1", "P")], discuss=prompts)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays the figure out as shown
    renderer = canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in figure.axes[0].texts]
    assert len(boxes) == 3
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    top = figure.axes[0].get_window_extent(renderer).y1
    assert all(box.y1 <= top for box in boxes)


def test_without_scores_the_chart_says_how_to_start() -> None:
    table = pd.DataFrame(columns=["stage", "persona", "n", "mean", "std", "min", "max",
                                  "spread"])
    figure = emotion_curve(table, STAGES, PERSONAS, shown=["maria"])
    assert [t.get_text() for t in figure.axes[0].texts] == [
        "No scores yet: click a face for each stage"]


def test_live_curve_keeps_its_frame_and_replaces_its_data(workshop) -> None:
    table = emotion_by_stage(workshop)
    live = LiveEmotionCurve()
    first = live.png(table, STAGES, PERSONAS, shown=["maria"])
    assert first.startswith(b"\x89PNG")
    figure, frame_artists = live.figure, len(live.live.artists)
    changed = edit.set_score(workshop, "a", "maria", "loyalty", -2)
    second = live.png(emotion_by_stage(changed), STAGES, PERSONAS, shown=["maria"])
    assert live.figure is figure and second != first
    assert len(live.live.artists) == frame_artists
    assert curve_lines(figure)["maria"].get_ydata()[3] == -2
    assert len(figure.axes[0].lines) == len(emotion_curve(
        emotion_by_stage(changed), STAGES, PERSONAS, shown=["maria"]).axes[0].lines)
    live.png(table, STAGES, PERSONAS)  # another legend: a new frame
    assert live.figure is not figure


def test_live_curve_draws_what_the_full_chart_draws(workshop) -> None:
    table = emotion_by_stage(workshop)
    prompts = discussion_prompts(table)
    live = LiveEmotionCurve()
    live.png(table, STAGES, PERSONAS, discuss=prompts, title="Всички")
    full = emotion_curve(table, STAGES, PERSONAS, discuss=prompts, title="Всички")
    for name in ("lines", "collections", "texts"):
        assert len(getattr(live.figure.axes[0], name)) == len(getattr(full.axes[0], name))
    assert live.figure.axes[0].get_title(loc="left") == "Всички"


def test_scores_round_halves_away_from_neutral() -> None:
    assert [nearest_score(v) for v in (-2.5, -1.5, -0.5, -0.4, 0.0, 0.5, 1.49, 2.5)] == [
        -3, -2, -1, 0, 0, 1, 1, 3]
    assert [signed(v) for v in (-2, 0, 1.6)] == ["\u22122", "0", "+2"]
