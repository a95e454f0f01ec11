"""The handout's "Evidence from customers": what the survey says, beside the room's view.

The workshops here get their evidence the way a facilitator gives it: a survey export is
written, imported and saved, so the page shows what an import keeps and nothing more.
"""

from __future__ import annotations

import csv
import itertools
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeylab.edit import new_workshop
from journeylab.evidence.importer import preview, propose, save
from journeylab.evidence.measures import measures, room_versus_customers
from journeylab.evidence.stats import MIN_GROUP
from journeylab.handout.build import handout_notebook, kpi_targets
from journeylab.handout.export import export_handout
from journeylab.handout.figures import headline_text
from journeylab.handout.words import signed
from journeylab.i18n import _, language
from journeylab.model import (Action, ColumnMap, EvidenceSource, Scale, ScaleKind, Workshop,
                              validate_workshop)
from journeylab.store import load_workshop

from .test_handout import BREAKOUT, DEMOS, ROOT, SCRIPT, Page, read

KEY = bytes(32)
EMAIL = "anna.petrova@example.com"
PHONE = "+359 88 123 4567"
COLUMNS = ColumnMap(stage="Stage", persona="Segment", rating="Score", comment="Comment",
                    date="Date", respondent="Respondent ID")
#: Ratings from 1 to 5 per stage label of the file; the second segment rates one higher.
RATINGS = {"Looking": [5, 4, 4, 3, 5], "Buying": [1, 2, 2, 3, 1], "Using": [3, 4, 2, 4, 3]}
SEGMENTS = {"Families": "ann", "Bargain hunters": "bob"}
COMMENTS = {"Looking": "A friend told me about the shop and its prices.",
            "Buying": f"Call me on {PHONE} or write to {EMAIL}: the payment failed.",
            "Using": f"It works {SCRIPT} well enough {BREAKOUT} since delivery."}
MONTHS = ("2026-01-15", "2026-02-15", "2026-03-15")
SUBSECTIONS = ("customers-versus", "customers-stages", "customers-findings",
               "customers-months", "customers-voices")


def workshop_of(stage_names: list[str], persona_names: list[str]) -> Workshop:
    """Three stages, two personas, a room that is sure buying goes well, and two actions."""
    data = new_workshop("Shop", "en", "custom").model_dump(mode="json")
    stages = ["look", "buy", "use"]
    room = {"look": (1, 2), "buy": (2, 3), "use": (0, 1)}
    data.update(
        participants=[{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bo"}],
        stages=[{"id": id_, "name": name} for id_, name in zip(stages, stage_names,
                                                               strict=True)],
        personas=[{"id": id_, "name": name} for id_, name in zip(("ann", "bob"),
                                                                 persona_names, strict=True)],
        emotions=[{"participant": participant, "persona": persona, "stage": stage,
                   "score": score}
                  for stage in stages for persona in ("ann", "bob")
                  for participant, score in zip(("p1", "p2"), room[stage], strict=True)],
        actions=[{"id": "refunds", "title": "Faster refunds", "kpi": "CSAT after purchase",
                  "baseline": 40, "target": 80, "unit": "%"},
                 {"id": "chat", "title": "Better chat", "kpi": "Mean CSAT",
                  "baseline": 3, "target": 4.3, "unit": "points of 5"}])
    return validate_workshop(data)


def write_survey(path: Path) -> Path:
    """A survey export: every stage, segment and month, a comment on every other row."""
    respondents = itertools.count(1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Respondent ID", "Date", "Stage", "Segment", "Score", "Comment"])
        for date, (label, ratings), (segment, persona) in itertools.product(
                MONTHS, RATINGS.items(), SEGMENTS.items()):
            for number, rating in enumerate(ratings):
                score = min(5, rating + (persona == "bob"))
                comment = f"{COMMENTS[label]} Rated {score}." if number % 2 == 0 else ""
                writer.writerow([f"R{next(respondents):04d}", date, label, segment, score,
                                 comment])
    return path


def imported(workshop: Workshop, file: Path, personas: bool = True) -> Workshop:
    """``workshop`` with ``file`` imported and saved as a facilitator would."""
    proposal = propose(workshop, file)
    proposal = proposal.with_changes(
        columns=COLUMNS if personas else COLUMNS.model_copy(update={"persona": ""}),
        scale=Scale(), settings=proposal.settings.model_copy(update={"date_format": "%Y-%m-%d"}))
    labels = {"stage": dict(zip(RATINGS, ("look", "buy", "use"), strict=True)),
              "persona": SEGMENTS}
    return save(workshop, preview(workshop, proposal, KEY, labels).source)[0]


@pytest.fixture(scope="module")
def workshops(tmp_path_factory) -> dict[str, Workshop]:
    folder = tmp_path_factory.mktemp("surveys")
    survey = write_survey(folder / "survey.csv")
    plain = workshop_of(["Looking", "Buying", "Using"], ["Ann", "Bob"])
    hostile = workshop_of([SCRIPT, f"{BREAKOUT} $1", "Using"], [SCRIPT, BREAKOUT])
    found = {"survey": imported(plain, survey),
             "unnamed": imported(plain, survey, personas=False),
             "hostile": imported(hostile, write_survey(folder / f"{BREAKOUT}.csv")),
             "none": plain}
    two = found["survey"].evidence[0]
    found["two"] = validate_workshop(found["survey"].model_copy(update={"evidence": [
        two, two.model_copy(update={"id": "again", "name": "Survey again"})]}).model_dump())
    found.update({name: load_workshop(ROOT / "workshops" / name) for name in DEMOS})
    return found


@pytest.fixture(scope="module")
def pages(workshops, tmp_path_factory) -> dict[str, Page]:
    folder = tmp_path_factory.mktemp("handouts")
    return {name: read(export_handout(workshop, folder / name / "handout.html"))
            for name, workshop in workshops.items()}


class _Rows(HTMLParser):
    """The text of each row of the table with class ``class_``, cell by cell."""

    def __init__(self, class_: str) -> None:
        super().__init__(convert_charrefs=True)
        self.class_, self.inside, self.rows, self.cell = class_, False, [], None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.inside = self.class_ in (dict(attrs).get("class") or "").split()
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data + " ")


def ratings_table(page: Page) -> list[list[str]]:
    parser = _Rows("jl-ratings")
    parser.feed(page.source)
    return parser.rows


def alt_of(page: Page, start: str) -> str:
    return next(img["alt"] for img in page.all("img") if img["alt"].startswith(start))


def narrowed(source: EvidenceSource, persona: str) -> EvidenceSource:
    return source.model_copy(update={"cells": [c for c in source.cells
                                               if c.persona == persona]})


def expected_rows(workshop: Workshop, source: EvidenceSource) -> list[tuple[str, ...]]:
    """Per stage as :func:`measures` gives it, written the handout's way: name, ratings, mean
    emotion, its interval, the headline figure, its interval."""
    kind = source.scale.kind
    low, high = {ScaleKind.CSAT: (0, 100), ScaleKind.NPS: (-100, 100)}.get(
        kind, (source.scale.low, source.scale.high))
    found = {row["stage"]: row for row in measures(source, ("stage",)).to_dict("records")}
    rows = []
    with language(workshop.language):
        for stage in workshop.stages:
            row = found.get(stage.id)
            if row is None:
                rows.append((stage.name, "0", "—", "", "—", ""))
                continue
            emotion = figure = _("too few ratings for an interval")
            if row["n"] >= MIN_GROUP:
                emotion = _("95% interval: {low} to {high}",
                            low=signed(max(row["emotion_low"], -3)),
                            high=signed(min(row["emotion_high"], 3)))
                figure = _("95% interval: {low} to {high}",
                           low=headline_text(kind, max(row["headline_low"], low)),
                           high=headline_text(kind, min(row["headline_high"], high)))
            rows.append((stage.name, str(row["n"]), signed(row["emotion"]), emotion,
                         headline_text(kind, row["headline"]), figure))
    return rows


@pytest.mark.parametrize("name", ["survey", *DEMOS])
def test_the_table_shows_the_measures_of_the_data(pages, workshops, name) -> None:
    workshop = workshops[name]
    rows = ratings_table(pages[name])
    with language(workshop.language):
        assert rows[0][:3] == [_("Stage"), _("Ratings"), _("Emotion, −3 to +3")]
    expected = expected_rows(workshop, workshop.evidence[0])
    assert len(rows) == 1 + len(expected)
    for (stage, n, mood, figure), (name_, count, mean, spread, headline, range_) in zip(
            rows[1:], expected, strict=True):
        assert (stage, n) == (name_, count)
        assert mood.startswith(mean) and mood.endswith(spread)
        assert figure == f"{headline} {range_}".strip()


def test_the_table_has_header_cells(pages, workshops) -> None:
    heads = [attrs for tag, attrs in pages["survey"].elements if tag == "th"]
    table = ratings_table(pages["survey"])
    assert len(table) == 1 + len(workshops["survey"].stages)
    scopes = [attrs.get("scope") for attrs in heads]
    assert scopes.count("col") >= 4 and scopes.count("row") >= len(table) - 1


def test_the_chart_states_every_stage_the_room_and_the_customers(pages, workshops) -> None:
    workshop = workshops["survey"]
    alt = alt_of(pages["survey"], "The room versus its customers")
    for row in room_versus_customers(workshop, workshop.evidence).itertuples():
        stage = next(s.name for s in workshop.stages if s.id == row.stage)
        assert (f"{stage}: room {signed(row.room)}, customers {signed(row.customers)} "
                f"(n = {row.n})") in alt
    assert "Ann: " in alt and "Bob: " in alt
    assert "more optimistic than its customers: Buying (Ann), Buying (Bob)." in alt
    flagged = pages["survey"].text
    assert "The room is more optimistic than its customers at: Buying (Ann), Buying (Bob)." \
        in flagged


@pytest.mark.parametrize("name", DEMOS)
def test_the_demos_name_every_stage_in_the_chart(pages, workshops, name) -> None:
    with language(workshops[name].language):  # a demo's handout is in its language
        start = _("The room versus its customers: the mean emotion per stage from −3 "
                  "(furious) to +3 (delighted), the customers' with its 95% interval.")
    alt = alt_of(pages[name], start)
    for stage in workshops[name].stages:
        assert f"{stage.name}: " in alt


def test_where_the_data_comes_from(pages, workshops) -> None:
    source = workshops["survey"].evidence[0]
    rows = sum(len(r) for r in RATINGS.values()) * len(SEGMENTS) * len(MONTHS)
    assert source.rows == rows and source.redacted
    text = pages["survey"].text
    assert f"from survey.csv (CSAT: satisfaction from 1 to 5): {rows} of {rows} rows used, " \
           f"from {rows} respondents." in text
    assert "Personal data removed from the comments: " in text
    assert "e-mail address (" in text and "phone number (" in text


def test_findings_months_and_targets(pages, workshops) -> None:
    page = pages["survey"]
    assert "Ratings differ between stages" in page.text
    alt = alt_of(page, "CSAT, % satisfied month by month")
    assert "01.2026" in alt and "03.2026" in alt
    assert "Targets of the action plan: Faster refunds: 80%." in alt
    assert "Better chat" not in alt  # a mean rating is no share of satisfied customers


def test_kpi_targets_name_the_scale_in_its_own_terms() -> None:
    def action(kpi: str, target: float, unit: str = "") -> Action:
        return Action(id="a", title=kpi, kpi=kpi, target=target, unit=unit)

    actions = [action("CSAT after delivery", 85, "%"), action("csat", 4.3, "points of 5"),
               action("NPS of referrals", 15), action("NPSX", 15), action("CES", 5.5),
               action("CES", 12), action("Conversion", 3, "%")]
    assert kpi_targets(actions, Scale(kind=ScaleKind.CSAT)) == (("CSAT after delivery", 85),)
    assert kpi_targets(actions, Scale(kind=ScaleKind.NPS, low=0, high=10)) == (
        ("NPS of referrals", 15),)
    assert kpi_targets(actions, Scale(kind=ScaleKind.CES, low=1, high=7)) == (("CES", 5.5),)
    assert kpi_targets(actions, Scale(kind=ScaleKind.CUSTOM, low=0, high=100)) == ()


def test_quotes_show_their_rating_and_the_stages_words(pages, workshops) -> None:
    page = pages["survey"]
    source = workshops["survey"].evidence[0]
    assert source.quotes and len(page.all("blockquote")) == len(source.quotes)
    for quote in source.quotes:
        assert f"{quote.text} Rating: {quote.rating:g} of 5" in page.text
    for stage in source.words:
        assert f"{stage.words[0].word} ({stage.words[0].count})" in page.text


def test_no_respondent_and_no_personal_data_reaches_the_page(pages, workshops, tmp_path) -> None:
    workshop = workshops["survey"]
    hashes = {q.respondent for s in workshop.evidence for q in s.quotes if q.respondent}
    assert hashes, "the quotes know who said them"
    notebook = handout_notebook(workshop)
    for text in (pages["survey"].source, str(notebook)):
        assert not [value for value in hashes if value in text]
        assert EMAIL not in text and PHONE not in text and "R0001" not in text
    assert "[e-mail]" in pages["survey"].text and "[phone]" in pages["survey"].text


def test_hostile_text_in_labels_and_quotes_is_text(pages) -> None:
    page = pages["hostile"]
    assert not [attrs for tag, attrs in page.elements if tag == "img" and attrs["src"] == "x"]
    assert not [tag for tag, _attrs in page.elements if tag == "script"]
    assert f"It works {SCRIPT} well enough {BREAKOUT} since delivery." in page.text
    assert f"from {BREAKOUT}.csv" in page.text
    assert f"{BREAKOUT} $1" in ratings_table(page)[2][0]
    alt = alt_of(page, "The room versus its customers")
    assert f"{SCRIPT}: {SCRIPT}: room" in alt


def test_a_persona_handout_narrows_the_section(workshops, tmp_path) -> None:
    workshop = workshops["survey"]
    page = read(export_handout(workshop, tmp_path / "bob.html", persona="bob"))
    source = narrowed(workshop.evidence[0], "bob")
    for (stage, n, mood, _figure), (name, count, mean, *_rest) in zip(
            ratings_table(page)[1:], expected_rows(workshop, source), strict=True):
        assert (stage, n) == (name, count) and mood.startswith(mean)
    alt = alt_of(page, "The room versus its customers")
    assert "Bob: " in alt and "Ann" not in alt
    assert "The figures are of the customers the data names as Bob." in page.text
    assert "Quotes and words come from all customers" in page.text


def test_a_persona_handout_of_data_without_personas_says_so(workshops, tmp_path) -> None:
    workshop = workshops["unnamed"]
    page = read(export_handout(workshop, tmp_path / "ann.html", persona="ann"))
    assert "The data does not say which persona each customer is" in page.text
    n = sum(len(r) for r in RATINGS.values()) * len(SEGMENTS) * len(MONTHS) // 3
    assert [row[1] for row in ratings_table(page)[1:]] == [str(n)] * 3


def test_without_customer_data_the_section_says_so_briefly(pages) -> None:
    page = pages["none"]
    assert "customers" in page.ids
    assert "No customer data has been imported: the map shows the room's view only." \
        in page.text
    assert not [i for i in page.ids if i.startswith("customers-")]
    assert not [img for img in page.all("img") if "its customers" in img["alt"]]
    assert "Customer data backs the map" not in page.text


def test_the_strength_of_evidence_mentions_the_customer_data(pages) -> None:
    text = pages["survey"].text
    start = text.index("How strong the evidence is", text.index("Evidence from customers ")
                       + 1)
    assert "Customer data backs the map: 90 ratings from survey.csv." in text[start:]


def test_several_sources_each_get_their_own_part(pages) -> None:
    page = pages["two"]
    h3 = [text for level, text in page.headings if level == 3]
    assert "survey.csv" in h3 and "Survey again" in h3
    assert {"customers-survey-versus", "customers-again-versus"} <= page.ids
    levels = [level for level, _text in page.headings]
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))
