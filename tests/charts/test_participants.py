"""Participants per department: what the chart draws, not how its pixels look."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from journeylab import i18n
from journeylab.charts.participants import department_counts, participants_by_department
from journeylab.charts.style import PALETTE
from journeylab.forms.show import figure_png
from journeylab.i18n import set_language
from journeylab.model import Participant
from journeylab.sample import large_workshop


def people(*departments: str) -> list[Participant]:
    return [Participant(id=f"p{i}", name=f"Person {i}", department=d)
            for i, d in enumerate(departments)]


def bars(figure) -> list[Rectangle]:
    (axes,) = figure.axes
    return [p for p in axes.patches if isinstance(p, Rectangle)]


def bar_texts(figure) -> list[str]:
    (axes,) = figure.axes
    return [t.get_text() for t in axes.texts]


def tick_labels(figure) -> list[str]:
    (axes,) = figure.axes
    return [t.get_text() for t in axes.get_yticklabels()]


def test_departments_are_counted_largest_first_and_blank_ones_together() -> None:
    counts = department_counts(people("IT", "Продажби", " IT ", "", "  ", "IT", "apple"))
    assert counts == [("IT", 3), ("", 2), ("apple", 1), ("Продажби", 1)]


def test_one_bar_per_department_with_its_count_written_on_it() -> None:
    counts = department_counts(people("Sales", "Sales", "Support", "IT", "Sales", "IT"))
    figure = participants_by_department(counts)
    assert [b.get_width() for b in bars(figure)] == [3, 2, 1]
    assert bar_texts(figure) == ["3", "2", "1"]
    assert tick_labels(figure) == ["Sales", "IT", "Support"]
    (axes,) = figure.axes
    assert axes.yaxis_inverted()  # the largest department is on top
    assert axes.get_title(loc="left") == "Participants by department"


def test_people_without_a_department_are_a_grey_bar_saying_so() -> None:
    figure = participants_by_department(department_counts(people("", "IT", "")))
    assert tick_labels(figure) == ["No department", "IT"]
    grey, blue = (to_hex(b.get_facecolor()) for b in bars(figure))
    assert blue == PALETTE[0].lower() and grey != blue


def test_long_and_cyrillic_department_names_wrap_with_every_word_kept() -> None:
    name = "Клиентско обслужване и продажби на дребно в цялата страна"
    figure = participants_by_department(department_counts(people(name)))
    (label,) = tick_labels(figure)
    lines = label.split("\n")
    assert len(lines) == 3 and " ".join(lines) == name and "…" not in label
    assert all(len(line) <= 22 for line in lines)


def test_labels_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    latvian = {"No department": "Bez nodaļas",
               "Participants by department": "Dalībnieki pa nodaļām"}
    monkeypatch.setattr(i18n, "_catalogue", lambda code: latvian if code == "lv" else {})
    set_language("lv")
    figure = participants_by_department(department_counts(people("")))
    assert tick_labels(figure) == ["Bez nodaļas"]
    assert figure.axes[0].get_title(loc="left") == "Dalībnieki pa nodaļām"
    set_language("en")


def test_no_participants_says_so_instead_of_drawing_empty_axes() -> None:
    figure = participants_by_department([])
    assert bars(figure) == [] and bar_texts(figure) == ["No participants yet"]
    assert figure_png(figure).startswith(b"\x89PNG")


def test_the_chart_grows_with_the_departments_and_never_touches_pyplot() -> None:
    small = participants_by_department(department_counts(people("A")))
    large = participants_by_department(department_counts(people(*"ABCDEFGHIJ")))
    assert large.get_figheight() > small.get_figheight()
    assert small.get_figwidth() == large.get_figwidth()
    assert plt.get_fignums() == []


def test_the_large_workshop_draws_every_department() -> None:
    participants = large_workshop().participants
    counts = department_counts(participants)
    figure = participants_by_department(counts)
    assert sum(int(text) for text in bar_texts(figure)) == len(participants) == 30
    assert sorted(tick_labels(figure)) == sorted({p.department for p in participants})
