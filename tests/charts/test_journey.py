"""What the journey map draws: stages, lanes, touchpoints, cards, the curve, and room to read."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from journeylab import edit, i18n
from journeylab.i18n import _, language
from journeylab.analysis import emotion_by_stage
from journeylab.charts.journey import (
    EVIDENCE_TAGS,
    PAGE,
    initials,
    journey_map,
    printable,
    short_names,
    text_width,
    wrap_text,
)
from journeylab.charts.style import MARKERS, PALETTE
from journeylab.errors import JourneyLabError
from journeylab.model import EVIDENCE_LABELS, LANE_LABELS, Evidence, Lane
from journeylab.sample import large_workshop
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[2]
DEMOS = sorted(path.parent.name for path in (ROOT / "workshops").glob("*/journey.json"))
CARD_LANES = [Lane.ACTIONS, Lane.THOUGHTS, Lane.PAIN_POINTS, Lane.OPPORTUNITIES]
ROW_LABELS = ["Touchpoints", "Actions (does)", "Thoughts (thinks)", "Emotion", "Pain points",
              "Opportunities"]


def demo(name: str):
    return load_workshop(ROOT / "workshops" / name)


@pytest.fixture(scope="module")
def mortgage():
    return demo("mortgage-journey")


@pytest.fixture(scope="module")
def mortgage_maps(mortgage):
    """The mortgage demo mapped for all personas and for Ellie, drawn once for the module."""
    return {persona: journey_map(mortgage, persona) for persona in (None, "ellie")}


@pytest.fixture(scope="module")
def latvian():
    """A small Latvian workshop: diacritics in stages, channels, touchpoints and cards."""
    workshop = edit.new_workshop("Klientu ceļš: kredītkarte", "lv", "custom",
                                 organisation="Ūdens Banka")
    for stage_id, name in (("izpete", "Izpēte"), ("piedavajums", "Piedāvājums"),
                           ("lietosana", "Lietošana un atbalsts")):
        workshop = edit.add(workshop, "stage", {"id": stage_id, "name": name})
    workshop = edit.add(workshop, "channel", {"id": "filiale", "name": "Filiāle ar ģimeni",
                                              "online": False})
    workshop = edit.add(workshop, "touchpoint", {"id": "konsultacija",
                                                 "name": "Konsultācija filiālē",
                                                 "channel": "filiale", "online": False,
                                                 "stages": ["izpete", "piedavajums"]})
    workshop = edit.add(workshop, "persona", {"id": "ilze", "name": "Ilze, rūpīgā ķīmiķe"})
    workshop = edit.add(workshop, "participant", {"id": "p1", "name": "Jānis"})
    workshop = edit.set_cards(workshop, "izpete", "ilze", Lane.ACTIONS, [
        {"text": "Salīdzina ģimenes budžetu ar kredītkaršu piedāvājumiem 👍",
         "evidence": "interview"}])
    workshop = edit.set_cards(workshop, "lietosana", "ilze", Lane.PAIN_POINTS, [
        {"text": "Ļoti gaida atbildi; čats neatbild ne ātri, ne skaidri", "evidence": "survey"}])
    for stage, score in (("izpete", 1), ("piedavajums", -2)):
        workshop = edit.set_score(workshop, "p1", "ilze", stage, score)
    return workshop


def crowded_workshop():
    """Everything too long or too many: names, words, channels, cards in one cell."""
    workshop = edit.new_workshop("Ein sehr langer Titel " * 9, "en", "custom")
    long_name = "Stage whose name goes on and on " * 5
    for number in range(4):
        workshop = edit.add(workshop, "stage", {"id": f"s{number}", "name": long_name})
    workshop = edit.add(workshop, "channel", {"id": "odd", "name": "Channel " * 24})
    for number in range(40):
        workshop = edit.add(workshop, "touchpoint", {
            "id": f"t{number}", "name": "Touchpointwithaverylongnamewithoutspaces" * (
                1 + number % 3), "channel": "odd" if number % 2 else "website",
            "online": bool(number % 3), "stages": ["s0", "s1"]})
    for number in range(3):
        workshop = edit.add(workshop, "persona", {"id": f"p{number}",
                                                  "name": f"Persona{number}" * 9})
        workshop = edit.set_cards(workshop, "s0", f"p{number}", Lane.ACTIONS, [
            {"text": ("Unbreakablewordthatisfartoolongforanycolumn " * 9) + str(card),
             "evidence": list(Evidence)[card % 5]} for card in range(25)])
    # capitals with accents reach higher, "Ģ" and "ļ" lower: lines must still keep apart
    workshop = edit.set_cards(workshop, "s1", "p1", Lane.THOUGHTS, [
        {"text": "ŽĀĒĪŪ Йордан Ģirts ļoti ĂŸ Ǧ gļ " * 12, "evidence": "survey"}])
    return workshop


def texts(figure, prefix: str):
    """Text artists whose gid starts with ``prefix``, in drawing order."""
    return [t for t in figure.texts if (t.get_gid() or "").startswith(prefix)]


def blocks(figure, prefix: str) -> dict[str, str]:
    """``{gid: text}`` of the texts whose gid starts with ``prefix``: one line per artist,
    the lines of one text share a gid."""
    found: dict[str, list[str]] = {}
    for text in texts(figure, prefix):
        found.setdefault(text.get_gid(), []).append(text.get_text())
    return {gid: "\n".join(lines) for gid, lines in found.items()}


def flat(text: str) -> str:
    """``text`` without any white space (a wrapped line may break inside a long word)."""
    return "".join(text.split())


def shown_as(shown: str, full: str) -> bool:
    """Whether ``shown`` is ``full``, whole or cut short with "…"."""
    if shown.endswith("…"):
        return flat(full).startswith(flat(shown[:-1]))
    return flat(shown) == flat(full)


def hidden_count(figure, stage: str, lane: str) -> int:
    more = texts(figure, f"cell:{stage}:{lane}:more")
    assert len(more) <= 1
    return int(re.search(r"\d+", more[0].get_text()).group()) if more else 0


# -- the frame: page, stages, lanes ---------------------------------------------------------

@pytest.mark.parametrize("name", DEMOS)
def test_an_a3_landscape_page_with_one_column_label_per_stage_in_order(name: str) -> None:
    workshop = demo(name)
    figure = journey_map(workshop)
    assert tuple(figure.get_size_inches()) == pytest.approx(PAGE, abs=0.01)
    assert PAGE == pytest.approx((16.54, 11.69), abs=0.01)
    labels = blocks(figure, "stage:")
    assert list(labels) == [f"stage:{s.id}" for s in workshop.stages]
    assert all(shown_as(text, s.name) for text, s in zip(labels.values(), workshop.stages, strict=False))
    xs = [t.get_position()[0] for t in texts(figure, "stage:")]
    assert xs == sorted(xs)


def test_rows_are_labelled_top_to_bottom(mortgage_maps) -> None:
    labels = blocks(mortgage_maps[None], "lane:")
    assert [text.replace("\n", " ") for text in labels.values()] == ROW_LABELS
    assert list(labels) == [
        "lane:touchpoints", "lane:actions", "lane:thoughts", "lane:emotion", "lane:pain_points",
        "lane:opportunities"]
    ys = [t.get_position()[1] for t in texts(mortgage_maps[None], "lane:")]
    assert ys == sorted(ys, reverse=True)


def test_row_labels_and_legend_speak_the_workshops_language(monkeypatch, mortgage) -> None:
    bulgarian = {"Touchpoints": "Допирни точки", "Emotion": "Емоция",
                 LANE_LABELS[Lane.PAIN_POINTS]: "Болезнени точки", "W": "Р",
                 "Workshop": "Работилница"}
    monkeypatch.setattr(i18n, "_catalogue",
                        lambda code: bulgarian if code == "bg" else {})
    figure = journey_map(mortgage.model_copy(update={"language": "bg"}), "ellie")
    labels = [text.replace("\n", " ") for text in blocks(figure, "lane:").values()]
    assert labels[0] == "Допирни точки" and labels[3] == "Емоция" and labels[4] == \
        "Болезнени точки"
    assert "Работилница" in {t.get_text() for t in texts(figure, "legend")}
    assert "Р" in {t.get_text() for t in texts(figure, "cell:")}
    assert i18n.current_language() == "en"  # the map's language did not leak out


def test_a_workshop_without_stages_says_there_is_nothing_to_map() -> None:
    figure = journey_map(edit.new_workshop("T", "en", "custom"))
    assert tuple(figure.get_size_inches()) == pytest.approx(PAGE, abs=0.01)
    assert [t.get_text() for t in texts(figure, "empty")] == [
        "Nothing to map yet: add the stages of the journey first."]
    assert not texts(figure, "stage:") and not figure.axes
    figure.savefig(io.BytesIO(), format="png")


def test_a_new_workshop_shows_its_stages_and_empty_lanes() -> None:
    workshop = edit.new_workshop("T", "en", "six-phases")
    figure = journey_map(workshop)
    assert len(texts(figure, "stage:")) == 6
    assert not texts(figure, "cell:")
    (axes,) = figure.axes
    assert [t.get_text() for t in axes.texts] == ["No emotion scores yet"]
    figure.savefig(io.BytesIO(), format="png")


def test_an_unknown_persona_is_refused(mortgage) -> None:
    with pytest.raises(JourneyLabError, match="There is no persona 'nobody' in this workshop"):
        journey_map(mortgage, "nobody")


# -- touchpoints ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DEMOS)
def test_every_touchpoint_is_listed_under_its_channel_or_counted(name: str) -> None:
    workshop = demo(name)
    figure = journey_map(workshop, workshop.personas[0].id)
    for stage in workshop.stages:
        points = [t for t in workshop.touchpoints if stage.id in t.stages]
        shown = " ".join(t.get_text() for t in texts(figure, f"cell:{stage.id}:touchpoints:point"))
        items = [(mark, " ".join(text.split())) for mark, text in
                 re.findall(r"([●○])([^●○]*)", shown)]
        matched = []
        for mark, item in items:
            point = next(p for p in points if shown_as(item, p.name) and p not in matched)
            assert mark == ("●" if point.online else "○")
            matched.append(point)
        assert len(matched) + hidden_count(figure, stage.id, "touchpoints") == len(points)
        # each channel is named once, in bold, above or before its touchpoints
        channels = [t.get_text() for t in texts(figure, f"cell:{stage.id}:touchpoints:channel")]
        assert len(channels) == len(set(channels)) and channels
        assert all(t.get_fontweight() == "bold"
                   for t in texts(figure, f"cell:{stage.id}:touchpoints:channel"))


def test_touchpoints_all_fit_on_a_persona_map_of_the_mortgage_demo(mortgage_maps) -> None:
    assert not [t for t in texts(mortgage_maps["ellie"], "cell:") if t.get_gid().endswith(
        "touchpoints:more")]


def test_channel_names_are_translated_from_the_catalogue(mortgage_maps) -> None:
    channels = {t.get_text() for t in texts(mortgage_maps["ellie"], "cell:research:touchpoints:channel")}
    assert {"Website", "Paid search", "Word of mouth"} <= channels


# -- cards ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DEMOS)
def test_the_personas_cards_appear_whole_or_cut_with_an_ellipsis(name: str) -> None:
    workshop = demo(name)
    persona = workshop.personas[1].id
    figure = journey_map(workshop, persona)
    cut = 0
    for stage in workshop.stages:
        cell = workshop.cell(stage.id, persona)
        for lane in CARD_LANES:
            cards = getattr(cell, lane.value) if cell else []
            notes = list(blocks(figure, f"cell:{stage.id}:{lane.value}:note").values())
            tags = texts(figure, f"cell:{stage.id}:{lane.value}:tag")
            assert len(notes) == len(tags)
            assert len(notes) + hidden_count(figure, stage.id, lane.value) == len(cards)
            for note, tag, card in zip(notes, tags, cards, strict=False):
                assert shown_as(note, card.text)
                with language(workshop.language):
                    assert tag.get_text() == _(EVIDENCE_TAGS[card.evidence])
                cut += note.endswith("…")
    assert cut < 10  # a persona's own map has room for most notes in full


def test_evidence_tags_are_letters_explained_in_the_legend(mortgage_maps) -> None:
    figure = mortgage_maps["ellie"]
    assert set(EVIDENCE_TAGS.values()) == {"A", "W", "I", "S", "D"}
    legend = [t.get_text() for t in texts(figure, "legend")]
    for level in Evidence:
        assert EVIDENCE_TAGS[level] in legend and EVIDENCE_LABELS[level] in legend
    assert {"● online", "○ offline"} <= set(legend)
    tags = texts(figure, "cell:research:actions:tag")
    assert tags and all(t.get_bbox_patch() is not None for t in tags)


def test_all_personas_show_each_note_with_its_persona_and_nobody_is_left_out(
        mortgage, mortgage_maps) -> None:
    figure = mortgage_maps[None]
    shorts = dict(zip([p.id for p in mortgage.personas],
                      short_names([p.name for p in mortgage.personas]), strict=True))
    assert shorts == {"ellie": "Ellie", "marcus": "Marcus", "joanna": "Joanna",
                      "aleks": "Aleks"}
    for stage in mortgage.stages:
        for lane in CARD_LANES:
            notes = list(blocks(figure, f"cell:{stage.id}:{lane.value}:note").values())
            marks = texts(figure, f"cell:{stage.id}:{lane.value}:persona")
            assert len(marks) == len(notes)
            with_cards = [p for p in mortgage.personas
                          if getattr(mortgage.cell(stage.id, p.id), lane.value, [])]
            who = []
            for note, mark in zip(notes, marks, strict=True):
                persona = next(p for p in mortgage.personas
                               if note.startswith(shorts[p.id] + ": "))
                style = mortgage.personas.index(persona)
                assert mark.get_color() == PALETTE[style]
                who.append(persona.id)
            # grouped by persona, and every persona with cards here has at least one note
            assert who == sorted(who, key=[p.id for p in mortgage.personas].index)
            assert set(who) == {p.id for p in with_cards}
            total = sum(len(getattr(mortgage.cell(stage.id, p.id), lane.value))
                        for p in with_cards)
            assert len(notes) + hidden_count(figure, stage.id, lane.value) == total


def test_narrow_columns_mark_notes_with_initials_named_in_the_legend() -> None:
    workshop = large_workshop(stages=9, touchpoints=20, personas=3, participants=2)
    figure = journey_map(workshop)
    notes = list(blocks(figure, "cell:stage-1:actions:note").values())
    assert notes[0].startswith("P1: ") and any(n.startswith("P3: ") for n in notes)
    assert "P2: Persona 2" in {t.get_text() for t in texts(figure, "legend")}


def test_short_names_and_initials_stay_apart() -> None:
    assert short_names(["Мария, практичната майка", "Anna Marija Bērziņa-Ozoliņa",
                        "Ben", "Ben, again"]) == ["Мария", "Anna", "Ben 1", "Ben 2"]
    assert initials(["Ellie", "Persona 12", "Eva"]) == ["E 1", "P12", "E 2"]


# -- emotion ----------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", [None, "ellie"])
def test_the_curve_is_the_rooms_mean_per_stage(mortgage, mortgage_maps, persona) -> None:
    figure = mortgage_maps[persona]
    (axes,) = [a for a in figure.axes if a.get_gid() == "emotion"]
    lines = {line.get_gid(): line for line in axes.lines if line.get_gid()}
    expected = [p.id for p in mortgage.personas] if persona is None else [persona]
    assert list(lines) == expected
    table = emotion_by_stage(mortgage)
    stage_ids = [s.id for s in mortgage.stages]
    for persona_id, line in lines.items():
        rows = table[table["persona"] == persona_id].assign(stage=lambda f: f["stage"].astype(str))
        means = rows.set_index("stage").reindex(stage_ids)["mean"].to_numpy(dtype=float)
        np.testing.assert_allclose(line.get_ydata(), means)
        style = [p.id for p in mortgage.personas].index(persona_id)
        assert line.get_color() == PALETTE[style] and line.get_marker() == MARKERS[style]
        assert np.allclose(line.get_xdata(), np.arange(len(stage_ids)), atol=0.3)
    words = [t.get_text() for t in axes.get_yticklabels()]
    assert words[0] == "Furious (−3)" and words[3] == "Neutral (0)" \
        and words[-1] == "Delighted (+3)"
    assert axes.get_xlim() == (-0.5, len(stage_ids) - 0.5)


def test_the_spread_is_drawn_from_lowest_to_highest_score(mortgage, mortgage_maps) -> None:
    table = emotion_by_stage(mortgage)
    (axes,) = mortgage_maps["ellie"].axes
    (band,) = axes.collections
    low, high = band.get_paths()[0].vertices[:, 1].min(), band.get_paths()[0].vertices[:, 1].max()
    ellie = table[table["persona"] == "ellie"]
    assert (low, high) == (ellie["min"].min(), ellie["max"].max())
    (overlaid,) = mortgage_maps[None].axes
    whiskers = [c for c in overlaid.collections]
    assert len(whiskers) == len(mortgage.personas)
    segments = whiskers[0].get_segments()
    assert {(s[0][1], s[1][1]) for s in segments} == set(
        zip(ellie["min"], ellie["max"], strict=True))


# -- legibility: sizes, fonts, glyphs, room ---------------------------------------------------

def all_texts(figure):
    for text in figure.texts:
        yield text
    for axes in figure.axes:
        yield from axes.texts
        yield from axes.get_yticklabels()


@pytest.mark.parametrize("name", DEMOS)
def test_every_text_is_at_least_7_points_in_dejavu(name: str) -> None:
    figure = journey_map(demo(name))
    sizes = [t.get_fontsize() for t in all_texts(figure) if t.get_text()]
    assert sizes and min(sizes) >= 7
    families = {t.get_fontfamily()[0] for t in all_texts(figure) if t.get_text()}
    assert families <= {"DejaVu Sans", "DejaVu Sans Mono"}


@pytest.mark.parametrize("which", ["elektronika-online", "latvian"])
def test_cyrillic_and_latvian_render_without_missing_glyphs(which: str, latvian) -> None:
    workshop = latvian if which == "latvian" else demo(which)
    for persona in (None, workshop.personas[0].id):
        figure = journey_map(workshop, persona)
        figure.savefig(io.BytesIO(), format="png")  # a missing glyph warns: an error here
    if which == "latvian":
        shown = {t.get_text() for t in figure.texts}
        assert "Izpēte" in shown and "Filiāle ar ģimeni" in shown
        assert any("Ļoti gaida atbildi" in text for text in shown)


def test_characters_the_font_lacks_are_replaced_not_dropped() -> None:
    assert printable("Labi 👍\nļoti") == "Labi \ufffd ļoti"


def test_wrapped_text_stays_within_its_width_and_says_when_it_was_cut() -> None:
    lines, cut = wrap_text("Ļoti gaida atbildi; čats neatbild ne ātri, ne skaidri " * 4,
                           1.5, 8, 3)
    assert cut and len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line, 8) <= 1.5 for line in lines)
    lines, cut = wrap_text("Супердългадумакоятонесеберевредзабележката", 0.8, 8, 4)
    assert not cut and len(lines) > 1 and "".join(lines) == \
        "Супердългадумакоятонесеберевредзабележката"
    assert wrap_text("Short", 2, 8, 1) == (("Short",), False)


def overlaps(boxes) -> list:
    """Pairs of ``(label, box)`` whose boxes overlap by more than half a pixel."""
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
            if box_a.x0 < box_b.x1 - 0.5 and box_b.x0 < box_a.x1 - 0.5
            and box_a.y0 < box_b.y1 - 0.5 and box_b.y0 < box_a.y1 - 0.5]


def boxes_of(artists, renderer):
    """``(text, box)`` of each artist: an evidence tag's box stands in for its letter."""
    boxes = []
    for text in artists:
        patch = text.get_bbox_patch()
        box = (patch or text).get_window_extent(renderer)
        boxes.append((text.get_text(), box))
    return boxes


@pytest.mark.parametrize("case", [*[(name, None) for name in DEMOS],
                                  ("mortgage-journey", "ellie"), ("large", None),
                                  ("crowded", None), ("crowded", "p1"), ("latvian", None)])
def test_no_text_overlaps_another_or_leaves_its_column(case, latvian) -> None:
    name, persona = case
    workshop = {"large": large_workshop, "crowded": crowded_workshop,
                "latvian": lambda: latvian}.get(name, lambda: demo(name))()
    figure = journey_map(workshop, persona)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    scale = figure.dpi
    stage_x = list({t.get_gid(): t.get_position()[0] for t in texts(figure, "stage:")}.values())
    column = (stage_x[1] - stage_x[0]) * scale
    for stage, x in zip(workshop.stages, stage_x, strict=True):
        cell_texts = texts(figure, f"cell:{stage.id}:")
        boxes = boxes_of(cell_texts, renderer)
        assert not overlaps(boxes), stage.id
        left = x * scale - 0.1 * scale  # the text starts a padding in from the border
        assert all(left <= box.x0 and box.x1 <= left + column for _text, box in boxes), stage.id
        # the lanes keep to their rows: each lane's texts lie above the next lane's
        by_lane: dict[str, list] = {}
        for text in cell_texts:
            by_lane.setdefault(text.get_gid().split(":")[2], []).append(
                text.get_window_extent(renderer))
        order = [lane for lane in ("touchpoints", "actions", "thoughts", "pain_points",
                                   "opportunities") if lane in by_lane]
        for upper, lower in zip(order, order[1:], strict=False):
            assert min(b.y0 for b in by_lane[upper]) > max(b.y1 for b in by_lane[lower])
    assert texts(figure, "cell:")  # the checks above had something to check
    # and on the left, the row labels keep clear of the emotion words
    (axes,) = [a for a in figure.axes if a.get_gid() == "emotion"]
    labels = boxes_of(texts(figure, "lane:"), renderer)
    words = [(t.get_text(), t.get_window_extent(renderer)) for t in axes.get_yticklabels()]
    assert not overlaps(labels + words)
    axes_left = axes.get_window_extent(renderer).x0
    assert all(box.x1 <= axes_left and box.x0 >= 0 for _text, box in words)
    # the legend keeps to the page, below every cell; the title keeps to the page
    legend = boxes_of(texts(figure, "legend"), renderer)
    width = figure.get_size_inches()[0] * scale
    assert all(0 < box.x0 and box.x1 < width for _text, box in legend)
    cells = boxes_of(texts(figure, "cell:"), renderer)
    assert min(box.y0 for _text, box in cells) > max(box.y1 for _text, box in legend)
    assert all(0 < box.x0 and box.x1 < width
               for _text, box in boxes_of(texts(figure, "title") + texts(figure, "subtitle")
                                          + texts(figure, "stage:"), renderer))


def test_a_map_built_mostly_on_assumptions_says_so() -> None:
    figure = journey_map(large_workshop(stages=3, touchpoints=5, personas=2, participants=2))
    warning = [t for t in texts(figure, "legend") if t.get_text().startswith("Most cards")]
    assert len(warning) == 1


def test_the_large_sample_draws_with_every_stage_and_persona() -> None:
    workshop = large_workshop()
    figure = journey_map(workshop)
    assert len(texts(figure, "stage:")) == 12
    (axes,) = figure.axes
    assert len([line for line in axes.lines if line.get_gid()]) == 8
    assert all(hidden_count(figure, s.id, "actions") > 0 for s in workshop.stages)
    figure.savefig(io.BytesIO(), format="png")
