"""Which persona uses which channel: filled dots for "uses", empty rings for "does not"."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba

from journeylab.charts.personas import (
    PersonaChannels,
    live_persona_channel_chart,
    persona_channel_chart,
    persona_channels,
)
from journeylab.charts.style import PALETTE
from journeylab.model import validate_workshop
from journeylab.sample import large_workshop


def texts(figure) -> list[str]:
    return [t.get_text() for axes in figure.axes for t in axes.texts] + [
        t.get_text() for t in figure.texts]


def dots(figure, gid: str):
    (axes,) = figure.axes
    (found,) = [c for c in axes.collections if c.get_gid() == gid]
    return found


def test_columns_are_the_channels_some_persona_uses_in_menu_order() -> None:
    workshop = validate_workshop({
        "title": "Shop", "channels": [{"id": "courier", "name": "Courier"}],
        "personas": [{"id": "mia", "name": "Mia", "channels": ["courier", "phone"]},
                     {"id": "leo", "name": "Leo", "channels": ["website"]},
                     {"id": "eva", "name": "Eva"}]})
    data = persona_channels(workshop)
    assert data.personas == ("Mia", "Leo", "Eva")
    assert data.channels == ("Website", "Phone", "Courier")
    assert data.uses == ((False, True, True), (True, False, False), (False, False, False))


def test_filled_dots_where_used_and_empty_rings_where_not() -> None:
    data = PersonaChannels(personas=("Mia", "Leo"), channels=("Website", "Phone", "Chat"),
                           uses=((True, False, True), (False, False, True)))
    figure = persona_channel_chart(data)
    uses, does_not = dots(figure, "uses"), dots(figure, "does-not-use")
    assert uses.get_offsets().tolist() == [[0.5, 0.5], [2.5, 0.5], [2.5, 1.5]]
    assert does_not.get_offsets().tolist() == [[1.5, 0.5], [0.5, 1.5], [1.5, 1.5]]
    # told apart by fill, not by colour alone
    assert np.allclose(uses.get_facecolors()[0], to_rgba(PALETTE[0]))
    assert np.allclose(does_not.get_facecolors()[0], to_rgba("white"))
    assert not np.allclose(does_not.get_edgecolors()[0], to_rgba("white"))
    labels = texts(figure)
    assert {"Mia", "Leo", "Website", "Phone", "Chat"} <= set(labels)
    counts = labels.index("Personas using it")
    assert labels[counts + 1:counts + 4] == ["1", "0", "2"]
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == ["uses", "does not use"]


def test_no_personas_or_no_channels_say_so() -> None:
    empty = persona_channel_chart(PersonaChannels((), (), ()))
    assert texts(empty) == ["No personas yet: add the first one above."]
    unticked = persona_channel_chart(PersonaChannels(("Mia",), (), ((),)))
    assert texts(unticked) == [
        "No persona has a channel yet: tick the channels each one uses."]


def test_eight_personas_fit_one_figure() -> None:
    data = persona_channels(large_workshop())
    figure = persona_channel_chart(data)
    assert len(dots(figure, "uses").get_offsets()) == sum(map(sum, data.uses)) == 8 * 4
    width, height = figure.get_size_inches()
    assert width < 15 and height < 6


def test_live_chart_redraws_the_dots_on_the_same_frame() -> None:
    live = live_persona_channel_chart()
    live.png(PersonaChannels(("Mia", "Leo"), ("Website", "Chat"), ((True, False), (False, False))))
    frame = live.figure
    live.png(PersonaChannels(("Mia", "Leo"), ("Website", "Chat"), ((True, True), (False, True))))
    assert live.figure is frame
    assert dots(frame, "uses").get_offsets().tolist() == [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5]]
    labels = texts(frame)
    assert labels.count("Personas using it") == 1 and labels.count("Mia") == 1
    assert len(frame.legends) == 1
