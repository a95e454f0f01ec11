"""The handout page: every section there, nothing that runs or loads, text always text.

Each handout is parsed with the standard library's HTML parser, so what is checked is what a
browser builds from the file, not what a regular expression happens to see.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from journeylab.analysis import emotion_by_stage
from journeylab.edit import new_workshop
from journeylab.errors import JourneyLabError
from journeylab.handout.build import REMOVE_CELL, REMOVE_INPUT, handout_notebook
from journeylab.handout.export import export_handout
from journeylab.handout.words import signed
from journeylab.model import Workshop, validate_workshop
from journeylab.store import load_workshop

ROOT = Path(__file__).parents[2]
DEMOS = sorted(p.parent.name for p in (ROOT / "workshops").glob("*/journey.json"))
SECTIONS = ["contents", "workshop", "participants", "journey", "personas", "touchpoints",
            "stages", "emotions", "customers", "evidence", "insights", "actions"]
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'


@dataclass
class Page:
    """What a browser would build from a handout: elements, their attributes, the text."""

    source: str
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[Counter] = field(default_factory=list)
    text: str = ""
    title: str = ""

    def all(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    @property
    def ids(self) -> set[str]:
        return {attrs["id"] for _tag, attrs in self.elements if "id" in attrs}


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.open, self.texts = page, [], []
        self.heading: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.page.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = (int(tag[1]), [])
        elif tag == "table":
            self.page.tables.append(Counter())
        elif tag in ("th", "td") and self.page.tables:
            self.page.tables[-1][tag] += 1
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.heading and tag == f"h{self.heading[0]}":
            self.page.headings.append((self.heading[0], "".join(self.heading[1]).strip()))
            self.heading = None
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "title":
            self.page.title += data
        elif "style" not in self.open:
            self.texts.append(data)
            if self.heading:
                self.heading[1].append(data)


def read(path: Path) -> Page:
    page = Page(path.read_text("utf-8"))
    reader = _Reader(page)
    reader.feed(page.source)
    reader.close()
    page.text = " ".join(" ".join(reader.texts).split())
    return page


def hostile() -> Workshop:
    """A small workshop with markup where every kind of text goes, and dollar signs."""
    data = new_workshop(f"{SCRIPT} Journey {BREAKOUT}", "en", "custom").model_dump(mode="json")
    data.update(
        organisation=BREAKOUT, scope=SCRIPT, goal=f"From $5 to $10 {BREAKOUT}",
        scenario=f"{SCRIPT}\n\n[click](javascript:alert(1))", facilitator=SCRIPT,
        participants=[{"id": "p1", "name": SCRIPT, "department": BREAKOUT},
                      {"id": "p2", "name": "Ann", "department": "Sales"}],
        stages=[{"id": "s1", "name": SCRIPT, "description": BREAKOUT},
                {"id": "s2", "name": f"{BREAKOUT} $1 and $2"}],
        channels=[{"id": "own", "name": BREAKOUT}],
        touchpoints=[{"id": "t1", "name": SCRIPT, "channel": "own", "stages": ["s1"],
                      "owner": BREAKOUT}],
        personas=[{"id": "a", "name": SCRIPT, "tagline": BREAKOUT, "story": SCRIPT,
                   "goals": [BREAKOUT], "channels": ["own", "website"],
                   "demographics": {"age": SCRIPT}}],
        journey=[{"stage": "s1", "persona": "a",
                  "pain_points": [{"text": SCRIPT, "evidence": "assumption"}],
                  "goals": [{"text": BREAKOUT}]}],
        blueprint=[{"stage": "s1", "frontstage": [{"text": SCRIPT}]}],
        emotions=[{"participant": "p1", "persona": "a", "stage": "s1", "score": -3,
                   "comment": SCRIPT},
                  {"participant": "p2", "persona": "a", "stage": "s1", "score": 2,
                   "comment": BREAKOUT},
                  {"participant": "p2", "persona": "a", "stage": "s1", "touchpoint": "t1",
                   "score": 1}],
        insights=[{"id": "i1", "kind": "pain_point", "title": f"{SCRIPT} from $50 to $80",
                   "description": BREAKOUT, "stage": "s1", "persona": "a", "votes": 3,
                   "impact": 5, "effort": 2}],
        actions=[{"id": "x1", "title": SCRIPT, "owner": BREAKOUT, "kpi": SCRIPT,
                  "baseline": 1, "target": 2, "unit": BREAKOUT, "insights": ["i1"]}])
    return validate_workshop(data)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("handouts")


@pytest.fixture(scope="module")
def workshops() -> dict[str, Workshop]:
    found = {name: load_workshop(ROOT / "workshops" / name) for name in DEMOS}
    found["empty"] = new_workshop("T", "en", "custom")
    found["hostile"] = hostile()
    return found


@pytest.fixture(scope="module")
def handouts(workshops, folder) -> dict[str, Path]:
    return {name: export_handout(workshop, folder / name / "handout.html")
            for name, workshop in workshops.items()}


@pytest.fixture(scope="module")
def pages(handouts) -> dict[str, Page]:
    return {name: read(path) for name, path in handouts.items()}


EVERY = [*DEMOS, "empty", "hostile"]


def test_there_are_demos_in_two_languages() -> None:
    assert {"elektronika-online", "mortgage-journey"} <= set(DEMOS)


@pytest.mark.parametrize("name", EVERY)
def test_every_section_is_there_and_listed(pages, name) -> None:
    page = pages[name]
    headings = {attrs.get("id") for tag, attrs in page.elements if tag in ("h2", "h3")}
    assert set(SECTIONS) <= headings
    listed = {a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")}
    assert set(SECTIONS) - {"contents"} <= listed
    assert listed <= page.ids, "every link of the contents leads somewhere"


@pytest.mark.parametrize("name", DEMOS)
def test_demo_shows_every_stage_persona_and_chart(pages, workshops, name) -> None:
    page, workshop = pages[name], workshops[name]
    assert {f"stage-{s.id}" for s in workshop.stages} <= page.ids
    assert {f"persona-{p.id}" for p in workshop.personas} <= page.ids
    for stage in workshop.stages:
        assert stage.name in page.text
    for action in workshop.actions:
        assert action.title in page.text and action.owner in page.text
    # the map, channels, touchpoints, emotions, touchpoint emotions, the room versus the
    # customers, the customers month by month, priorities and KPIs
    assert len(page.all("img")) == 9


@pytest.mark.parametrize("name", EVERY)
def test_nothing_runs_and_nothing_is_fetched(pages, name) -> None:
    page = pages[name]
    assert "<script" not in page.source.lower()
    tags = {tag for tag, _attrs in page.elements}
    assert not tags & {"script", "iframe", "object", "embed", "link", "base", "form", "svg"}
    for tag, attrs in page.elements:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name_ in ("src", "href", "action", "data", "srcset", "poster"):
            if name_ in attrs:
                assert attrs[name_].startswith(("data:", "#")), (tag, attrs[name_][:80])
        assert "url(" not in attrs.get("style", "")


@pytest.mark.parametrize("name", EVERY)
def test_page_forbids_scripts_and_requests(pages, name) -> None:
    policies = [m["content"] for m in pages[name].all("meta")
                if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert policies == [CSP]


@pytest.mark.parametrize("name", EVERY)
def test_headings_go_down_one_level_at_a_time(pages, name) -> None:
    levels = [level for level, _text in pages[name].headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))
    assert all(text for _level, text in pages[name].headings)


@pytest.mark.parametrize("name", EVERY)
def test_every_table_has_header_cells(pages, name) -> None:
    assert pages[name].tables or name == "empty"
    for cells in pages[name].tables:
        assert cells["th"] >= 1
    for th in pages[name].all("th"):
        assert th.get("scope") in ("col", "row")


@pytest.mark.parametrize("name", EVERY)
def test_every_image_is_inline_and_says_what_it_shows(pages, name) -> None:
    for img in pages[name].all("img"):
        assert img["src"].startswith("data:image/png;base64,")
        assert base64.b64decode(img["src"].split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        assert img.get("alt", "").strip()
        assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_the_emotion_curve_states_its_means(pages, workshops) -> None:
    workshop = workshops["mortgage-journey"]
    table = emotion_by_stage(workshop)
    first = table[table["persona"] == workshop.personas[0].id].iloc[0]
    stage = next(s.name for s in workshop.stages if s.id == str(first["stage"]))
    alts = [img["alt"] for img in pages["mortgage-journey"].all("img")]
    curve = next(alt for alt in alts if alt.startswith("Emotion curve"))
    assert f"{workshop.personas[0].name}: {stage} {signed(first['mean'])}" in curve
    assert "disagreed" in curve


@pytest.mark.parametrize("name", EVERY)
def test_language_and_title(pages, workshops, name) -> None:
    page = pages[name]
    assert page.all("html")[0]["lang"] == workshops[name].language
    assert page.title == workshops[name].title


def test_hostile_text_is_shown_as_text(pages) -> None:
    page = pages["hostile"]
    assert not [attrs for tag, attrs in page.elements if tag == "img" and attrs["src"] == "x"]
    assert page.text.count(SCRIPT) >= 10
    assert page.text.count(BREAKOUT) >= 8
    assert "[click](javascript:alert(1))" in page.text
    assert "From $5 to $10" in page.text and "from $50 to $80" in page.text
    assert page.title == hostile().title
    assert page.headings[0] == (1, hostile().title)


def test_dollar_signs_reach_the_charts_as_text(pages) -> None:
    alts = " ".join(img["alt"] for img in pages["hostile"].all("img"))
    assert "from $50 to $80" in alts


def test_a_map_of_assumptions_says_so_first(pages) -> None:
    page = pages["hostile"]
    notes = [attrs for tag, attrs in page.elements
             if tag == "div" and "jl-banner-warn" in attrs.get("class", "")]
    assert len(notes) == 2 and all(n.get("role") == "note" for n in notes)
    first = page.text.index("Most of this map is assumptions.")
    assert first < page.text.index("Contents")
    for name in DEMOS:  # the demos rest on evidence: no warning
        assert "Most of this map is assumptions." not in pages[name].text


def test_an_empty_workshop_says_what_is_missing(pages) -> None:
    page = pages["empty"]
    assert page.all("img") == []
    for sentence in ("The workshop has no stages yet.", "The workshop has no personas yet.",
                     "Nobody has scored the stages yet.", "The map has no cards yet.",
                     "The workshop recorded no insights yet.",
                     "The workshop agreed no actions yet."):
        assert sentence in page.text


@pytest.mark.parametrize("name", EVERY)
def test_the_notebook_beside_the_page_is_valid_and_holds_no_code(handouts, workshops,
                                                                 name) -> None:
    saved = handouts[name].with_suffix(".ipynb")
    notebook = nbformat.read(saved, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["journeylab"]["language"] == workshops[name].language
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code or name == "empty"
    assert all(cell.source == "" and REMOVE_INPUT in cell.metadata["tags"] for cell in code)
    assert sorted(path.name for path in saved.parent.iterdir()) == ["handout.html",
                                                                    "handout.ipynb"]


def test_hidden_cells_stay_in_the_notebook_only(handouts, pages) -> None:
    notebook = nbformat.read(handouts["mortgage-journey"].with_suffix(".ipynb"), as_version=4)
    note = [c for c in notebook.cells if REMOVE_CELL in c.metadata.get("tags", [])]
    assert len(note) == 1 and "changes made here are not saved" in note[0].source
    page = pages["mortgage-journey"]
    assert "changes made here are not saved" not in page.text
    assert "In [" not in page.text and not [
        attrs for tag, attrs in page.elements
        if "jp-InputArea" in attrs.get("class", "") or "jp-InputPrompt" in attrs.get("class", "")]


def test_another_language_for_the_handouts_own_words(workshops, tmp_path) -> None:
    page = read(export_handout(workshops["mortgage-journey"], tmp_path / "lv.html",
                               language="lv"))
    assert page.all("html")[0]["lang"] == "lv"
    assert "14.10.2026" in page.text  # the workshop's date, written the Latvian way
    assert workshops["mortgage-journey"].title in page.text


def test_one_persona_only(workshops) -> None:
    workshop = workshops["mortgage-journey"]
    notebook = handout_notebook(workshop, persona="ellie")
    lanes = [cell for cell in notebook.cells if cell.id.split("-", 1)[1].startswith("lanes-")]
    assert lanes
    for cell in lanes:
        head = cell.outputs[0]["data"]["text/html"].split("</thead>")[0]
        assert "Ellie" in head and "Marcus" not in head
    with pytest.raises(JourneyLabError, match="unknown persona 'nobody'"):
        handout_notebook(workshop, persona="nobody")


def test_cell_ids_are_stable(workshops) -> None:
    first = handout_notebook(workshops["mortgage-journey"])
    again = handout_notebook(workshops["mortgage-journey"])
    assert [c.id for c in first.cells] == [c.id for c in again.cells]
    assert len({c.id for c in first.cells}) == len(first.cells)


def test_exporting_again_draws_no_chart_again(workshops) -> None:
    from journeylab.handout import figures

    first = handout_notebook(workshops["elektronika-online"])
    kept = dict(figures._images)
    again = handout_notebook(workshops["elektronika-online"])
    assert figures._images == kept
    images = [[o["data"].get("image/png") for c in nb.cells if c.cell_type == "code"
               for o in c.outputs] for nb in (first, again)]
    assert images[0] == images[1] and any(images[0])


def test_printing_puts_the_map_and_the_stages_on_a3(pages, workshops) -> None:
    page = pages["mortgage-journey"]
    assert "@page { size: A4 portrait;" in page.source
    assert "@page wide { size: A3 landscape;" in page.source
    wide = [attrs["id"] for tag, attrs in page.elements if tag == "h3"
            and attrs.get("id", "").startswith("stage-")]
    assert wide == [f"stage-{s.id}" for s in workshops["mortgage-journey"].stages]
    cells = [attrs.get("class", "") for tag, attrs in page.elements if tag == "div"]
    assert sum("celltag_jl-wide" in c for c in cells) > len(wide)
    assert sum("celltag_jl-page-break" in c for c in cells) == len(wide) - 1


def test_a_change_of_scores_redraws_only_the_curve_of_the_map(workshops, monkeypatch) -> None:
    import io

    import numpy as np
    from PIL import Image

    from journeylab.edit import set_score
    from journeylab.handout import figures

    monkeypatch.setenv("JOURNEYLAB_CACHE", "off")  # every map here is drawn, none loaded
    workshop = workshops["mortgage-journey"]
    figures._images.clear()
    figures.Charts(workshop, workshop).journey(None)  # draws and keeps the frame
    score = workshop.emotions[0]
    changed = set_score(workshop, score.participant, score.persona, score.stage,
                        3 if score.score < 0 else -3)
    kept = dict(figures._frames)
    over_frame = figures.Charts(changed, changed).journey(None)
    assert figures._frames == kept, "the kept frame was used, not drawn again"
    figures._images.clear()
    figures._frames.clear()
    whole = figures.Charts(changed, changed).journey(None)

    def pixels(chart):
        return np.asarray(Image.open(io.BytesIO(chart.png)).convert("RGB"), dtype=int)

    assert np.abs(pixels(over_frame) - pixels(whole)).max() <= 8


def test_the_kept_emotion_curve_looks_like_one_drawn_whole(workshops, monkeypatch) -> None:
    import io

    import numpy as np
    from PIL import Image

    from journeylab.analysis import discussion_prompts, emotion_by_stage
    from journeylab.charts.emotions import emotion_curve
    from journeylab.edit import set_score
    from journeylab.handout import figures

    monkeypatch.setenv("JOURNEYLAB_CACHE", "off")
    workshop = workshops["mortgage-journey"]
    figures.Charts(workshop, workshop).emotions()  # draws and keeps the frame
    score = workshop.emotions[0]
    changed = set_score(workshop, score.participant, score.persona, score.stage,
                        3 if score.score < 0 else -3)
    kept = figures.Charts(changed, changed).emotions()
    table = emotion_by_stage(changed)
    whole = emotion_curve(table, [(s.id, s.name) for s in changed.stages],
                          [(p.id, p.name) for p in changed.personas],
                          shown=[p.id for p in changed.personas],
                          discuss=discussion_prompts(table))
    drawn = Image.open(io.BytesIO(figures._drawn(whole, figures.DPI))).convert("RGB")
    over = Image.open(io.BytesIO(kept.png)).convert("RGB")
    assert drawn.size == over.size
    difference = np.abs(np.asarray(drawn, dtype=int) - np.asarray(over, dtype=int))
    assert (difference > 40).mean() < 0.002  # the same chart, but for anti-aliasing


def test_the_kept_room_versus_customers_looks_like_one_drawn_whole(monkeypatch) -> None:
    import io

    import numpy as np
    from PIL import Image

    from journeylab.charts.evidence import room_versus_customers_chart
    from journeylab.edit import set_score
    from journeylab.evidence.measures import room_versus_customers
    from journeylab.handout import figures

    monkeypatch.setenv("JOURNEYLAB_CACHE", "off")
    workshop = load_workshop(ROOT / "workshops" / "mortgage-journey")
    figures.Charts(workshop, workshop).room_versus_customers(
        room_versus_customers(workshop, workshop.evidence))  # draws and keeps the frame
    score = workshop.emotions[0]
    changed = set_score(workshop, score.participant, score.persona, score.stage,
                        3 if score.score < 0 else -3)
    table = room_versus_customers(changed, changed.evidence)
    kept = figures.Charts(changed, changed).room_versus_customers(table)
    names = {p.id: p.name for p in changed.personas}
    table = table.drop(columns="source").assign(
        persona=[names.get(p) if p else None for p in table["persona"]])
    whole = room_versus_customers_chart(table, [(s.id, s.name) for s in changed.stages])
    drawn = Image.open(io.BytesIO(figures._drawn(whole, figures.DPI))).convert("RGB")
    over = Image.open(io.BytesIO(kept.png)).convert("RGB")
    assert drawn.size == over.size
    difference = np.abs(np.asarray(drawn, dtype=int) - np.asarray(over, dtype=int))
    assert (difference > 40).mean() < 0.002  # the same chart, but for anti-aliasing
