"""Touchpoints per stage and channel, and per touchpoint emotion: what is counted and drawn."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PathCollection, QuadMesh

from journeylab import edit
from journeylab.charts.style import FORM_DPI
from journeylab.charts.touchpoints import (
    StageChannelCounts,
    live_stage_channel_chart,
    number_path,
    stage_channel_chart,
    stage_channel_counts,
    touchpoint_emotion_chart,
    touchpoint_emotions,
)
from journeylab.forms.show import figure_png
from journeylab.model import Workshop, validate_workshop
from journeylab.sample import large_workshop


def workshop(**lists) -> Workshop:
    data = {"title": "Shop", "stages": [{"id": "see", "name": "See"},
                                        {"id": "buy", "name": "Buy"},
                                        {"id": "use", "name": "Use"}],
            "channels": [{"id": "courier", "name": "Courier at the door", "online": False}],
            "participants": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
            "personas": [{"id": "mia", "name": "Mia"}, {"id": "leo", "name": "Leo"}]}
    return validate_workshop({**data, **lists})


def point(point_id: str, channel: str, *stages: str) -> dict:
    return {"id": point_id, "name": point_id.title(), "channel": channel, "stages": list(stages)}


def texts(figure) -> list[str]:
    return [t.get_text() for axes in figure.axes for t in axes.texts] + [
        t.get_text() for t in figure.texts]


def numbers(figure) -> PathCollection:
    (axes,) = figure.axes
    (found,) = [c for c in axes.collections if c.get_gid() == "counts"]
    return found


# -- counting ----------------------------------------------------------------------------------

def test_counts_follow_stage_order_and_channel_menu_order() -> None:
    data = stage_channel_counts(workshop(touchpoints=[
        point("door", "courier", "use"), point("shop", "website", "buy", "see"),
        point("call", "phone", "buy"), point("faq", "website", "use")]))
    assert data.stages == ("See", "Buy", "Use")
    assert data.channels == ("Website", "Phone", "Courier at the door")
    assert data.counts == ((1, 1, 1), (0, 1, 0), (0, 0, 1))
    assert data.total == 5  # a touchpoint in two stages counts in both


def test_unplaced_touchpoints_get_a_column_of_their_own() -> None:
    data = stage_channel_counts(workshop(touchpoints=[
        point("shop", "website", "see"), point("new", "website"), point("call", "phone")]))
    assert data.stages == ("See", "Buy", "Use", "No stage yet")
    assert data.counts == ((1, 0, 0, 1), (0, 0, 0, 1))


def test_channel_names_follow_the_language() -> None:
    data = stage_channel_counts(workshop(touchpoints=[point("shop", "word-of-mouth", "see")]))
    assert data.channels == ("Word of mouth",)


def test_counts_compare_equal_when_nothing_counted_changed() -> None:
    base = workshop(touchpoints=[point("shop", "website", "see")])
    renamed = edit.update(base, "touchpoint", "shop", name="Web shop", owner="Sales")
    moved = edit.update(base, "touchpoint", "shop", stages=["buy"])
    assert stage_channel_counts(renamed) == stage_channel_counts(base)
    assert stage_channel_counts(moved) != stage_channel_counts(base)


# -- drawing the stage × channel overview ---------------------------------------------------------

def test_heatmap_colours_and_writes_every_count() -> None:
    data = StageChannelCounts(stages=("See", "Buy"), channels=("Website", "Phone", "Events"),
                              counts=((3, 0), (1, 12), (0, 2)))
    figure = stage_channel_chart(data)
    (axes,) = figure.axes
    (mesh,) = [c for c in axes.collections if isinstance(c, QuadMesh)]
    assert np.asarray(mesh.get_array()).reshape(3, 2).tolist() == [[3, 0], [1, 12], [0, 2]]
    written = numbers(figure)
    assert written.get_offsets().tolist() == [[0.5, 0.5], [1.5, 0.5], [0.5, 1.5],
                                              [1.5, 1.5], [0.5, 2.5], [1.5, 2.5]]
    assert [p is number_path(v) for p, v in zip(written.get_paths(), (3, 0, 1, 12, 0, 2),
                                                 strict=True)] == [True] * 6
    labels = texts(figure)
    assert {"See", "Buy", "Website", "Phone", "Events"} <= set(labels)
    assert "Touchpoints per stage and channel" in labels


def test_dark_cells_get_white_numbers_and_zeros_are_grey() -> None:
    data = StageChannelCounts(stages=("A", "B", "C"), channels=("Web",), counts=((10, 1, 0),))
    colours = numbers(stage_channel_chart(data)).get_facecolors()
    white, ink, grey = (tuple(np.round(c, 2)) for c in colours)
    assert white == (1.0, 1.0, 1.0, 1.0)
    assert ink != white and grey != ink and grey != white


def test_numbers_of_several_digits_are_as_tall_as_single_ones() -> None:
    one, two = number_path(7).get_extents(), number_path(17).get_extents()
    assert two.height == pytest.approx(one.height, rel=0.2)
    assert two.width > one.width


def test_long_and_cyrillic_labels_wrap() -> None:
    stage = "Използване и поддръжка след покупката"
    data = StageChannelCounts(stages=(stage,), channels=("Доставка и монтаж у дома от "
                                                         "нашия собствен екип",),
                              counts=((1,),))
    labels = texts(stage_channel_chart(data))
    wrapped = next(t for t in labels if t.startswith("Използване"))
    assert "\n" in wrapped and wrapped.replace("\n", " ").startswith("Използване и")
    assert any(t.startswith("Доставка") and "\n" in t for t in labels)


def test_no_touchpoints_says_so_instead_of_an_empty_grid() -> None:
    figure = stage_channel_chart(stage_channel_counts(workshop()))
    assert texts(figure) == ["No touchpoints yet: add the first one above."]


def test_two_hundred_touchpoints_make_one_small_figure() -> None:
    data = stage_channel_counts(large_workshop())
    assert data.total == 400 and len(data.stages) == 12
    figure = stage_channel_chart(data)
    width, height = figure.get_size_inches()
    assert width < 15 and height < 7
    assert len(numbers(figure).get_offsets()) == 12 * len(data.channels)
    assert figure_png(figure).startswith(b"\x89PNG")


# -- emotion per touchpoint ------------------------------------------------------------------------

def scored() -> Workshop:
    def score(who, persona, stage, value, touchpoint=None):
        return {"participant": who, "persona": persona, "stage": stage, "score": value,
                "touchpoint": touchpoint}

    return workshop(
        touchpoints=[point("shop", "website", "see", "buy"), point("call", "phone", "buy"),
                     point("door", "courier", "use")],
        emotions=[score("ann", "mia", "see", 2, "shop"), score("bob", "mia", "see", -1, "shop"),
                  score("ann", "leo", "buy", -3, "call"), score("ann", "mia", "buy", 1),
                  score("bob", "leo", "buy", -2, "shop")])


def test_touchpoint_emotions_average_the_room() -> None:
    data = touchpoint_emotions(scored())
    assert data.touchpoints == ("Shop", "Call") and data.stages == ("See", "Buy")
    assert data.means == ((0.5, -2.0), (None, -3.0))
    assert data.counts == ((2, 1), (0, 1))


def test_touchpoint_emotions_for_one_persona() -> None:
    data = touchpoint_emotions(scored(), persona="mia")
    assert (data.touchpoints, data.stages, data.means) == (("Shop",), ("See",), ((0.5,),))


def test_emotion_chart_writes_signed_means_and_counts() -> None:
    figure = touchpoint_emotion_chart(touchpoint_emotions(scored()))
    (axes,) = figure.axes
    (mesh,) = [c for c in axes.collections if isinstance(c, QuadMesh)]
    assert mesh.get_clim() == (-3, 3)
    labels = texts(figure)
    assert labels.count("+0.5") == 1 and labels.count("-2") + labels.count("−2") == 1
    assert labels.count("n=1") == 2 and labels.count("n=2") == 1
    assert "Shop" in labels and "Buy" in labels


def test_emotion_chart_without_scores_says_so() -> None:
    figure = touchpoint_emotion_chart(touchpoint_emotions(workshop()))
    assert texts(figure) == ["No touchpoint has been scored yet."]


# -- the live chart of the form -------------------------------------------------------------------

def png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_live_chart_keeps_its_frame_while_only_counts_change() -> None:
    live = live_stage_channel_chart()
    first = StageChannelCounts(("See", "Buy"), ("Website", "Phone"), ((1, 0), (2, 3)))
    png = live.png(first)
    frame_figure = live.figure
    width, height = frame_figure.get_size_inches()
    drawn, wanted = png_size(png), (width * FORM_DPI, height * FORM_DPI)
    assert all(abs(a - b) < 1 for a, b in zip(drawn, wanted, strict=True))  # whole pixels
    again = live.png(StageChannelCounts(("See", "Buy"), ("Website", "Phone"),
                                        ((4, 0), (2, 5))))
    assert live.figure is frame_figure and again != png
    (mesh,) = [c for c in frame_figure.axes[0].collections if isinstance(c, QuadMesh)]
    assert np.asarray(mesh.get_array()).reshape(2, 2).tolist() == [[4, 0], [2, 5]]
    assert [p is number_path(v) for p, v in zip(numbers(frame_figure).get_paths(),
                                                 (4, 0, 2, 5), strict=True)] == [True] * 4
    assert {"See", "Buy", "Website", "Phone"} <= set(texts(frame_figure))


def test_live_chart_draws_a_new_frame_for_new_labels_and_for_nothing() -> None:
    live = live_stage_channel_chart()
    live.png(StageChannelCounts(("See",), ("Website",), ((1,),)))
    before = live.figure
    live.png(StageChannelCounts(("See",), ("Website", "Events"), ((1,), (1,))))
    assert live.figure is not before and "Events" in texts(live.figure)
    live.png(stage_channel_counts(workshop()))
    assert texts(live.figure) == ["No touchpoints yet: add the first one above."]
