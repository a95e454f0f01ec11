"""The charts a form shows read from the back of a room: every word whole, nothing tiny.

Each chart is drawn from a demo workshop in every language, with the words as the forms
show them. Text is measured as the image shows it: in pixels at the forms' resolution.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from journeylab.analysis import card_counts, discussion_prompts, emotion_by_stage
from journeylab.charts.coverage import coverage_chart
from journeylab.charts.emotions import LiveEmotionCurve, emotion_curve
from journeylab.charts.evidence import room_versus_customers_chart, stage_ratings_chart
from journeylab.charts.participants import department_counts, participants_by_department
from journeylab.charts.personas import persona_channel_chart, persona_channels
from journeylab.charts.priorities import kpi_targets, priority_matrix
from journeylab.charts.style import FORM_DPI, SMALLEST_TEXT, shortened, wrap
from journeylab.charts.touchpoints import stage_channel_chart, stage_channel_counts
from journeylab.evidence.measures import measures, room_versus_customers, workshop_order
from journeylab.i18n import LANGUAGES, language
from journeylab.model import Workshop
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[2]
#: Where the forms' charts are shown whole: all but the priority matrix and the KPI chart,
#: whose crowded squares and fixed rows list their insights and actions in full beside them.
WHOLE = ("participants", "touchpoints", "personas", "coverage", "emotions",
         "customers per stage", "room versus customers")


def form_charts(workshop: Workshop) -> dict[str, Figure]:
    """Every chart a form shows for ``workshop``, drawn as the form draws it."""
    stages = [(s.id, s.name) for s in workshop.stages]
    personas = [(p.id, p.name) for p in workshop.personas]
    table = emotion_by_stage(workshop)
    (source,) = workshop.evidence
    names = dict(personas)
    versus = room_versus_customers(workshop, [source])
    versus["persona"] = [names.get(p) if p else None for p in versus["persona"]]
    return {
        "participants": participants_by_department(department_counts(workshop.participants)),
        "touchpoints": stage_channel_chart(stage_channel_counts(workshop)),
        "personas": persona_channel_chart(persona_channels(workshop)),
        "coverage": coverage_chart(card_counts(workshop), stages, personas),
        "emotions": emotion_curve(table, stages, personas, discuss=discussion_prompts(table)),
        "customers per stage": stage_ratings_chart(
            measures(source, ("stage",), workshop_order(workshop)), stages),
        "room versus customers": room_versus_customers_chart(versus, stages),
        "priority matrix": priority_matrix(workshop.insights),
        "kpis": kpi_targets(workshop.actions),
    }


def drawn_texts(figure: Figure) -> list[Text]:
    """The texts of ``figure`` that show, once it is drawn at the forms' resolution."""
    figure.set_dpi(FORM_DPI)
    FigureCanvasAgg(figure).draw()
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.fixture(scope="module", params=list(LANGUAGES))
def charts(request) -> dict[str, Figure]:
    workshop = load_workshop(ROOT / "workshops" / "elektronika-online")
    workshop = workshop.model_copy(update={"language": request.param})
    with language(request.param):
        return form_charts(workshop)


def test_every_word_of_a_label_is_drawn(charts) -> None:
    cut = {name: [t.get_text() for t in drawn_texts(charts[name]) if "…" in t.get_text()]
           for name in WHOLE}
    assert not any(cut.values()), cut


def test_the_smallest_text_is_sixteen_pixels_at_the_forms_resolution(charts) -> None:
    assert SMALLEST_TEXT * FORM_DPI / 72 >= 16
    small = {name: sorted({(t.get_text(), t.get_fontsize()) for t in drawn_texts(figure)
                           if t.get_fontsize() < SMALLEST_TEXT})
             for name, figure in charts.items()}
    assert not any(small.values()), small


def test_discussion_labels_stay_inside_the_chart_at_the_last_stage() -> None:
    workshop = load_workshop(ROOT / "workshops" / "elektronika-online")
    table = emotion_by_stage(workshop)
    stages = [(s.id, s.name) for s in workshop.stages]
    personas = [(p.id, p.name) for p in workshop.personas]
    # the room split on the first persona at the first and the last stage, at the edges
    first = personas[0][0]
    prompts = discussion_prompts(table[table["persona"] == first], top=1)
    prompts = pd.concat([prompts.assign(stage=stages[0][0]), prompts.assign(stage=stages[-1][0])])
    live = LiveEmotionCurve()
    with language("bg"):  # longer words than English
        live.png(table, stages, personas, shown=[first], discuss=prompts)
    figure = live.figure
    renderer = figure.canvas.get_renderer()
    labels = [t for t in figure.findobj(Text) if t.get_bbox_patch() is not None]
    assert len(labels) == 2
    for label in labels:
        box = label.get_window_extent(renderer)
        assert figure.bbox.x0 <= box.x0 and box.x1 <= figure.bbox.x1, label.get_text()


def test_wrap_keeps_every_word_and_only_shortened_cuts() -> None:
    title = "Плащането с карта в приложението прекъсва след потвърждението в банката"
    assert wrap(title, 20).replace("\n", " ") == title
    assert shortened(title, 20, 2).endswith("…") and shortened(title, 20, 2).count("\n") == 1
