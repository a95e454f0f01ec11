"""The handout as a notebook, built straight from a workshop's data: no kernel is run.

Text goes into markdown cells, tables and charts into the outputs of code cells that hold
no code (tagged ``remove-input``, so the empty input is left out of the page). A note for
whoever reopens the notebook in JupyterLab is tagged ``remove-cell``: it is not part of the
handout itself. Cells tagged ``jl-wide`` (the journey and the stage-by-stage tables) are
printed on A3 landscape.

Every piece of workshop text is escaped (:mod:`.markup`); every word of the handout's own
goes through the catalogue, in the workshop's language unless another one is asked for.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import nbformat
from nbformat import NotebookNode

from .. import __version__
from ..analysis import discussion_prompts, emotion_by_stage, emotion_scores
from ..channels import channel_labels
from ..errors import JourneyLabError
from ..evidence.findings import findings
from ..evidence.importer import BACKED_FROM
from ..evidence.measures import HEADLINES, measures, room_versus_customers
from ..evidence.redact import LABELS as REDACTED_LABELS
from ..evidence.stats import MIN_GROUP
from ..i18n import N_, _, format_date, format_number
from ..i18n import language as in_language
from ..model import (ACTION_STATUS_LABELS, BLUEPRINT_LABELS, EVIDENCE_LABELS,
                     INSIGHT_KIND_LABELS, LANE_LABELS, SCALE_LABELS, SKIP_LABELS, Action,
                     ActionStatus,
                     BlueprintLane, Card, Evidence, EvidenceSource, Lane, Persona, Quote,
                     Scale, ScaleKind, Workshop, WorkshopState)
from ..motto import quoted
from ..presets import FRAMEWORKS
from ..priorities import QUADRANT_LABELS, by_priority
from .figures import Chart, Charts, headline_text, known, signed_or_dash
from .markup import Html, block, esc, items, join, paragraphs, table, tag
from .words import MINUS, feeling, percent, signed, whole

if TYPE_CHECKING:
    import pandas as pd

REMOVE_INPUT = "remove-input"
REMOVE_CELL = "remove-cell"
#: Cells printed on A3 landscape: the journey at a glance and the stage-by-stage tables.
WIDE = "jl-wide"
#: The journey map, shown wider than the text on screen.
MAP = "jl-map"
#: Cells that start a new page when printed.
PAGE_BREAK = "jl-page-break"

#: Evidence that comes from customers rather than from the room.
CUSTOMER_EVIDENCE = (Evidence.INTERVIEW, Evidence.SURVEY, Evidence.ANALYTICS)
EVIDENCE_MEANINGS = {
    Evidence.ASSUMPTION: N_("what the room believes, not yet checked"),
    Evidence.WORKSHOP: N_("what colleagues know from their daily work with customers"),
    Evidence.INTERVIEW: N_("heard from customers in interviews"),
    Evidence.SURVEY: N_("reported by customers in a survey"),
    Evidence.ANALYTICS: N_("measured in behaviour data"),
}
STATE_LABELS = {WorkshopState.CURRENT: N_("Current state: the journey as it is today"),
                WorkshopState.FUTURE: N_("Future state: the journey as it should become")}
PROFILE = (("age", N_("Age")), ("gender", N_("Gender")), ("occupation", N_("Occupation")),
           ("location", N_("Location")), ("education", N_("Education")),
           ("income", N_("Income")))
PSYCHOGRAPHICS = (("interests", N_("Interests")), ("lifestyle", N_("Lifestyle")),
                  ("values", N_("Values")), ("motivations", N_("Motivations")))


# -- the notebook --------------------------------------------------------------------------

@dataclass
class _Entry:
    anchor: str
    title: str
    children: list[tuple[str, str]] = field(default_factory=list)


class _Book:
    """The cells of the handout in order, and its table of contents."""

    def __init__(self) -> None:
        self.cells: list[tuple[str, NotebookNode]] = []
        self.contents: list[_Entry] = []

    def text(self, name: str, *parts: object, tags: Sequence[str] = ()) -> None:
        # cells are made as plain nodes: nbformat's constructors validate each one, a tenth
        # of an export; the tests validate the whole notebook
        self.cells.append((name, nbformat.from_dict({
            "cell_type": "markdown", "source": block(*parts),
            "metadata": {"tags": list(tags)} if tags else {}})))

    def output(self, name: str, data: dict, metadata: dict | None = None,
               tags: Sequence[str] = ()) -> None:
        self.cells.append((name, nbformat.from_dict({
            "cell_type": "code", "source": "", "execution_count": None,
            "metadata": {"tags": [REMOVE_INPUT, *tags], "jupyter": {"source_hidden": True}},
            "outputs": [{"output_type": "display_data", "data": data,
                         "metadata": metadata or {}}]})))

    def html(self, name: str, content: Html, tags: Sequence[str] = ()) -> None:
        self.output(name, {"text/html": str(content)}, tags=tags)

    def chart(self, name: str, chart: Chart | None, tags: Sequence[str] = ()) -> None:
        """The image, with its text alternative as the output's plain-text form; nothing
        when there is no chart (no data to draw)."""
        if chart is None:
            return
        self.output(name, {"image/png": base64.b64encode(chart.png).decode("ascii"),
                           "text/plain": chart.alt},
                    {"image/png": {"width": chart.width, "height": chart.height}}, tags)

    def empty_section(self, anchor: str, title: str, missing: str) -> None:
        """A section that says what the workshop does not hold yet, instead of its content."""
        self.section(anchor, title, _none(missing))

    def section(self, anchor: str, title: str, *parts: object,
                tags: Sequence[str] = ()) -> None:
        """Start an ``<h2>`` section listed in the table of contents."""
        self.contents.append(_Entry(anchor, title))
        self.text(anchor, tag("h2", title, id=anchor), *parts, tags=tags)

    def subsection(self, anchor: str, title: str, *parts: object,
                   tags: Sequence[str] = ()) -> None:
        """Start an ``<h3>`` listed under the current section."""
        self.contents[-1].children.append((anchor, title))
        self.text(anchor, tag("h3", title, id=anchor), *parts, tags=tags)

    def notebook(self, metadata: dict) -> NotebookNode:
        """The notebook, its cells numbered in order so their ids stay stable."""
        book = nbformat.v4.new_notebook(metadata=metadata)
        for number, (name, cell) in enumerate(self.cells):
            cell.id = f"{number:03d}-{name}"[:64]
            book.cells.append(cell)
        return book


# -- what the handout shows ----------------------------------------------------------------

def _narrowed(workshop: Workshop, persona: str | None) -> Workshop:
    """``workshop`` with only ``persona``'s part of the map, or unchanged for all personas.

    Insights about another persona are left out, and so are actions that address only those.
    """
    if persona is None:
        return workshop
    if persona not in {p.id for p in workshop.personas}:
        raise JourneyLabError(_("unknown persona '{id}'; choose one of: {choices}",
                                id=persona,
                                choices=", ".join(p.id for p in workshop.personas) or "—"))
    insights = [i for i in workshop.insights if i.persona in (None, persona)]
    kept = {i.id for i in insights}
    return workshop.model_copy(update={
        "personas": [p for p in workshop.personas if p.id == persona],
        "journey": [c for c in workshop.journey if c.persona == persona],
        "emotions": [e for e in workshop.emotions if e.persona == persona],
        "insights": insights,
        "actions": [a for a in workshop.actions
                    if not a.insights or any(i in kept for i in a.insights)],
    })


@dataclass
class _Handout:
    """Everything the sections draw on: the workshop, what is shown of it, and lookups."""

    workshop: Workshop
    shown: Workshop
    persona: Persona | None
    charts: Charts
    made: dt.date
    stages: dict[str, str] = field(init=False)
    personas: dict[str, str] = field(init=False)
    touchpoints: dict[str, str] = field(init=False)
    cards: Counter[Evidence] = field(init=False)

    def __post_init__(self) -> None:
        self.stages = {s.id: s.name for s in self.workshop.stages}
        self.personas = {p.id: p.name for p in self.workshop.personas}
        self.touchpoints = {t.id: t.name for t in self.workshop.touchpoints}
        self.cards = Counter(card.evidence for cell in self.shown.journey
                             for _lane, card in cell.cards())

    @property
    def mostly_assumptions(self) -> bool:
        total = sum(self.cards.values())
        return bool(total) and self.cards[Evidence.ASSUMPTION] / total > 0.5

    def stage_means(self) -> dict[str, float]:
        """The mean of every stage-level score per stage, over the personas shown."""
        scores = emotion_scores(self.shown)
        return {str(stage): float(mean) for stage, mean
                in scores.groupby("stage", observed=True)["score"].mean().items()}


def _evidence_tag(level: Evidence) -> Html:
    return tag("span", _(EVIDENCE_LABELS[level]), class_=f"jl-ev jl-ev-{level.value}")


def _lines(text: str) -> Html:
    return join((esc(line) for line in text.split("\n")), "<br>")


def _card_list(cards: Sequence[Card]) -> Html:
    if not cards:
        return Html("")
    return tag("ul", join(tag("li", join([_lines(card.text), " ", _evidence_tag(card.evidence)]),
                              class_=f"jl-card jl-card-{card.evidence.value}")
                          for card in cards), class_="jl-cards")


def _tags(values: Iterable[str]) -> Html:
    return tag("ul", join(tag("li", value) for value in values), class_="jl-tags")


def _none(message: str) -> Html:
    return tag("p", message, class_="jl-empty")


def _intro(message: str) -> Html:
    return tag("p", message, class_="jl-intro")


# -- the sections ----------------------------------------------------------------------------

def _jupyter_note(book: _Book, h: _Handout) -> None:
    book.text("note", tag("div", tag("p", _(
        "This notebook is the handout of the workshop “{title}”, made by JourneyLab "
        "{version} on {date}. It holds no code: make the handout again from the workshop to "
        "bring it up to date; changes made here are not saved to the workshop.",
        title=h.workshop.title, version=__version__, date=format_date(h.made))),
        class_="jl-note"), tags=[REMOVE_CELL])


def _cover(book: _Book, h: _Handout) -> None:
    w = h.shown
    eyebrow = [w.organisation] if w.organisation else []
    eyebrow.append(_("Customer journey map"))
    subtitle = [_(STATE_LABELS[w.state])]
    framework = FRAMEWORKS.get(w.framework)
    if framework and framework.id != "custom":
        subtitle.append(framework.label())
    if h.persona:
        subtitle.append(_("the journey of {persona}", persona=h.persona.name))
    facts = [(_("Date"), format_date(w.date) if w.date else ""),
             (_("Facilitator"), w.facilitator)]
    facts_html = tag("dl", join(tag("div", join([tag("dt", label), tag("dd", value)]))
                                for label, value in facts if value), class_="jl-facts")
    figures = [(_("Participants"), len(w.participants)), (_("Stages"), len(w.stages)),
               (_("Personas"), len(w.personas)),
               (_("Touchpoints"), len(w.touchpoints)), (_("Cards"), sum(h.cards.values())),
               (_("Insights"), len(w.insights)), (_("Actions"), len(w.actions))]
    figures_html = tag("dl", join(tag("div", join([tag("dt", label), tag("dd", str(count))]))
                                  for label, count in figures), class_="jl-figures")
    book.text("cover", tag("header", join([
        tag("p", " · ".join(eyebrow), class_="jl-eyebrow"),
        tag("h1", w.title),
        tag("p", " · ".join(subtitle), class_="jl-subtitle"),
        facts_html, figures_html, _evidence_banner(h), _highlights(h)]),
        class_="jl-cover", id="top"))


def _evidence_sentence(h: _Handout) -> str:
    total = sum(h.cards.values())
    customers = sum(h.cards[level] for level in CUSTOMER_EVIDENCE)
    return _("Of all cards on the map, {customers} come from customers (interviews, surveys, "
             "analytics), {room} from the room's experience and {assumed} are assumptions.",
             customers=percent(customers, total),
             room=percent(h.cards[Evidence.WORKSHOP], total),
             assumed=percent(h.cards[Evidence.ASSUMPTION], total))


def _assumptions_warning(h: _Handout, *more: Html) -> Html:
    """The note no reader may miss: the map rests mostly on what the room assumed."""
    return tag("div", join([
        tag("p", tag("strong", _("Most of this map is assumptions."))),
        tag("p", join([_evidence_sentence(h), " ",
                       _("Check the assumptions with customers before acting on them."),
                       *(join([" ", part]) for part in more)]))]),
        class_="jl-banner jl-banner-warn", role="note")


def _evidence_banner(h: _Handout) -> Html:
    if not sum(h.cards.values()):
        return Html("")
    link = tag("a", _("How strong the evidence is"), href="#evidence")
    if h.mostly_assumptions:
        return _assumptions_warning(h, link)
    return tag("p", join([_evidence_sentence(h), " ", link]), class_="jl-banner")


def _highlights(h: _Handout) -> Html:
    """What a reader with one minute should take away, each line led by what it is about."""
    w, found = h.shown, []
    means = h.stage_means()
    if len(means) >= 2:
        low = min(means, key=means.get)
        high = max(means, key=means.get)
        found.append((_("Hardest moment"), _(
            "{stage}: the room puts the customer's feeling at {mean} ({word}).",
            stage=h.stages[low], mean=signed(means[low]), word=feeling(means[low]))))
        found.append((_("Best moment"), _("{stage}: {mean} ({word}).", stage=h.stages[high],
                                          mean=signed(means[high]),
                                          word=feeling(means[high]))))
    if w.insights:
        first = by_priority(w.insights)[0]
        found.append((_("First priority"), _(
            "{insight} ({quadrant}, votes: {votes}).", insight=first.insight.title,
            quadrant=_(QUADRANT_LABELS[first.quadrant]), votes=first.insight.votes)))
    if w.actions:
        statuses = Counter(a.status for a in w.actions)
        counts = ", ".join(_("{count} {status}", count=statuses[status],
                             status=_(ACTION_STATUS_LABELS[status]))
                           for status in ActionStatus if statuses[status])
        unowned = sum(not a.owner for a in w.actions)
        found.append((_("Action plan"), " ".join(
            [counts + "."] + ([_("Without an owner: {count}.", count=unowned)]
                              if unowned else []))))
    if not found:
        return Html("")
    return tag("section", join([
        tag("h2", _("At a glance")),
        tag("ul", join(tag("li", join([tag("strong", label), " ", text]))
                       for label, text in found))]), class_="jl-glance")


def _contents(book: _Book) -> None:
    def entry(anchor: str, title: str, children: Sequence[tuple[str, str]] = ()) -> Html:
        nested = tag("ol", join(entry(a, t) for a, t in children)) if children else ""
        return tag("li", join([tag("a", title, href=f"#{anchor}"), nested]))

    title = _("Contents")
    nav = tag("nav", join([tag("h2", title, id="contents"),
                           tag("ol", join(entry(e.anchor, e.title, e.children)
                                          for e in book.contents))]),
              class_="jl-toc", aria_labelledby="contents")
    book.cells.insert(1 + next(n for n, (name, _cell) in enumerate(book.cells)
                               if name == "cover"),
                      ("contents", nbformat.v4.new_markdown_cell(block(nav))))


def _about(book: _Book, h: _Handout) -> None:
    w = h.shown
    parts = [join([tag("h3", label), paragraphs(text)])
             for label, text in ((_("Goal"), w.goal), (_("Scope"), w.scope),
                                 (_("Scenario"), w.scenario)) if text]
    body = tag("div", join(parts), class_="jl-brief") if parts else _none(
        _("The workshop recorded no goal, scope or scenario."))
    book.section("workshop", _("The workshop"), body)
    facilitator = (tag("p", _("Facilitated by {name}.", name=w.facilitator))
                   if w.facilitator else "")
    book.subsection("participants", _("Participants"), facilitator,
                    "" if w.participants else _none(_("No participants were recorded.")))
    if w.participants:
        book.html("participants-table", table(
            [_("Name"), _("Department")],
            [(p.name, p.department or "—") for p in w.participants], row_headers=True,
            class_="jl-compact"))


def _journey(book: _Book, h: _Handout) -> None:
    w = h.shown
    if not w.stages:
        book.empty_section("journey", _("The journey at a glance"),
                           _("The workshop has no stages yet."))
        return
    book.section("journey", _("The journey at a glance"), _intro(_(
        "The customer's journey from {first} to {last}: what happens, how the customer feels "
        "and how much the room found to fix.", first=w.stages[0].name,
        last=w.stages[-1].name)), tags=[WIDE])
    book.chart("journey-map", h.charts.journey(h.persona.id if h.persona else None),
               tags=[WIDE, MAP])
    means = h.stage_means()
    counts = {s.id: Counter() for s in w.stages}
    for cell in w.journey:
        for lane, _card in cell.cards():
            counts[cell.stage][lane] += 1
    points = Counter(stage for t in w.touchpoints for stage in t.stages)
    rows = []
    for number, stage in enumerate(w.stages, start=1):
        mean = means.get(stage.id)
        mood = (join([tag("span", signed(mean), class_="jl-mean"), " ",
                      tag("span", feeling(mean), class_="jl-word")])
                if mean is not None else "—")
        rows.append((str(number), tag("a", stage.name, href=f"#stage-{stage.id}"),
                     paragraphs(stage.description) if stage.description else "—", mood,
                     str(counts[stage.id][Lane.PAIN_POINTS]),
                     str(counts[stage.id][Lane.OPPORTUNITIES]), str(points[stage.id])))
    book.html("stages-table", table(
        ["#", _("Stage"), _("What happens"), _("Feeling"), _("Pain points"),
         _("Opportunities"), _("Touchpoints")], rows, numeric=(0, 4, 5, 6),
        class_="jl-overview"))


def _personas(book: _Book, h: _Handout) -> None:
    w = h.shown
    if not w.personas:
        book.empty_section("personas", _("Personas"), _("The workshop has no personas yet."))
        return
    book.section("personas", _("Personas"), _intro(_(
        "The customers the map follows: archetypes drawn from what the organisation knows "
        "about many customers, not real people.")))
    labels = channel_labels(h.workshop)
    for persona in w.personas:
        book.subsection(f"persona-{persona.id}", persona.name,
                        tag("p", quoted(persona.tagline), class_="jl-tagline")
                        if quoted(persona.tagline) else "",
                        _persona(persona, labels))
    book.chart("persona-channels", h.charts.channels())


def _persona(persona: Persona, labels: dict[str, str]) -> Html:
    def entry(label: str, value: str, class_: str | None = None) -> Html:
        return tag("div", join([tag("dt", label), tag("dd", value)]), class_=class_)

    profile = [entry(_(label), getattr(persona.demographics, key), "jl-half")
               for key, label in PROFILE if getattr(persona.demographics, key)]
    profile += [entry(_(label), getattr(persona.psychographics, key))
                for key, label in PSYCHOGRAPHICS if getattr(persona.psychographics, key)]
    profile += [entry(_(label), value) for label, value in
                ((N_("Habits"), persona.behaviour.habits),
                 (N_("Devices"), persona.behaviour.devices)) if value]
    lists = join(tag("div", join([tag("h4", _(label)), items(values)]))
                 for label, values in ((N_("Goals"), persona.goals),
                                       (N_("Needs"), persona.needs),
                                       (N_("Frustrations"), persona.frustrations)) if values)
    channels = (join([tag("h4", _("Channels")),
                      _tags(labels.get(c, c) for c in persona.channels)])
                if persona.channels else "")
    story = join([paragraphs(persona.story),
                  tag("div", lists, class_="jl-columns") if lists else "", channels])
    return tag("div", join([tag("div", story, class_="jl-story"),
                            tag("dl", join(profile), class_="jl-profile") if profile else ""]),
               class_="jl-persona")


def _touchpoints(book: _Book, h: _Handout) -> None:
    w = h.shown
    if not w.touchpoints:
        book.empty_section("touchpoints", _("Touchpoints"),
                           _("The workshop has no touchpoints yet."))
        return
    online = sum(t.online for t in w.touchpoints)
    book.section("touchpoints", _("Touchpoints"), _intro(_(
        "Where customer and organisation meet, each touchpoint owned by a department. "
        "Online: {online}; offline: {offline}.", online=online,
        offline=len(w.touchpoints) - online)))
    book.chart("touchpoints-chart", h.charts.touchpoints())
    labels = channel_labels(h.workshop)
    book.html("touchpoints-table", table(
        [_("Touchpoint"), _("Channel"), _("Online or offline"), _("Owner"), _("Stages")],
        [(t.name, labels.get(t.channel, t.channel), _("online") if t.online else _("offline"),
          t.owner or "—", ", ".join(h.stages[s] for s in t.stages) or "—")
         for t in w.touchpoints], row_headers=True))


def _legend() -> Html:
    return tag("p", join([tag("span", _("Where each card comes from:"), class_="jl-label"),
                          " ", join((_evidence_tag(level) for level in Evidence), " ")]),
               class_="jl-legend")


def _stages(book: _Book, h: _Handout) -> None:
    w = h.shown
    if not w.stages:
        book.empty_section("stages", _("Stage by stage"), _("The workshop has no stages yet."))
        return
    book.section("stages", _("Stage by stage"), _intro(_(
        "What the customer wants, does, thinks, needs and feels at each stage, what gets in "
        "the way, the moments that decide the journey, and what could be done better.")),
        _legend(), tags=[WIDE])
    personas = w.personas
    for number, stage in enumerate(w.stages, start=1):
        here = [t for t in w.touchpoints if stage.id in t.stages]
        where = (tag("p", join([tag("span", _("Touchpoints:"), class_="jl-label"), " ",
                                ", ".join(t.name for t in here)]), class_="jl-where")
                 if here else "")
        cells = {c.persona: c for c in w.journey if c.stage == stage.id}
        rows = []
        for lane in Lane:
            lists = [getattr(cells[p.id], lane.value) if p.id in cells else []
                     for p in personas]
            if any(lists):
                rows.append([_(LANE_LABELS[lane]), *(_card_list(cards) or "—"
                                                     for cards in lists)])
        book.subsection(f"stage-{stage.id}", _("{number}. {stage}", number=number,
                                               stage=stage.name),
                        paragraphs(stage.description, class_="jl-lead")
                        if stage.description else "", where,
                        tags=[WIDE, PAGE_BREAK] if number > 1 else [WIDE])
        if rows:
            book.html(f"lanes-{stage.id}", table(
                [_("Lane"), *(p.name for p in personas)], rows, row_headers=True,
                class_="jl-lanes"), tags=[WIDE])
        else:
            book.text(f"lanes-{stage.id}", tag("div", _none(
                _("Nothing was mapped for this stage yet."))), tags=[WIDE])
        blueprint = next((b for b in w.blueprint if b.stage == stage.id), None)
        if blueprint is not None:
            rows = [(_(BLUEPRINT_LABELS[lane]), _card_list(getattr(blueprint, lane.value)))
                    for lane in BlueprintLane if getattr(blueprint, lane.value)]
            if rows:
                book.html(f"blueprint-{stage.id}", table(
                    [_("Behind the scenes"), _("What the organisation does")], rows,
                    caption=_("Service blueprint: {stage}", stage=stage.name),
                    row_headers=True, class_="jl-blueprint"), tags=[WIDE])


def _emotions(book: _Book, h: _Handout) -> None:
    w = h.shown
    table_data = emotion_by_stage(w)
    if table_data.empty:
        book.empty_section("emotions", _("How customers feel"),
                           _("Nobody has scored the stages yet."))
        return
    book.section("emotions", _("How customers feel"), _intro(_(
        "Each participant scored how the persona feels at each stage, from −3 (furious) to "
        "+3 (delighted). The line is the room's mean; where scores lie far apart, the room "
        "disagreed and the stage needs evidence from customers.")))
    book.chart("emotion-curve", h.charts.emotions())
    rows = []
    for stage in w.stages:
        cells = []
        for persona in w.personas:
            found = table_data[(table_data["persona"] == persona.id)
                               & (table_data["stage"].astype(str) == stage.id)]
            if found.empty:
                cells.append("—")
                continue
            r = found.iloc[0]
            cells.append(join([tag("span", signed(r["mean"]), class_="jl-mean"), " ",
                               tag("span", feeling(r["mean"]), class_="jl-word"),
                               tag("span", _("{low} to {high}, n={count}",
                                             low=whole(int(r["min"])),
                                             high=whole(int(r["max"])), count=int(r["n"])),
                                   class_="jl-range")]))
        rows.append((stage.name, *cells))
    book.html("emotion-table", table(
        [_("Stage"), *(p.name for p in w.personas)], rows, row_headers=True,
        caption=_("Mean score, emotion and the lowest to highest score of the room"),
        class_="jl-emotions"))
    prompts = discussion_prompts(table_data, top=5)
    if prompts.empty:
        found: Html = tag("p", _("The room largely agreed: at no stage did scores lie three "
                                 "or more points apart."))
    else:
        comments = {(e.persona, e.stage, e.score): e.comment for e in w.emotions
                    if e.touchpoint is None and e.comment}
        entries = []
        for r in prompts.itertuples():
            stage = str(r.stage)
            said = [tag("li", join([tag("span", whole(score), class_="jl-score"), " ",
                                    tag("q", comments[(r.persona, stage, score)])]))
                    for score in (int(r.min), int(r.max))
                    if (r.persona, stage, score) in comments]
            entries.append(tag("li", join([
                tag("strong", _("{persona} at {stage}", persona=h.personas[r.persona],
                                stage=h.stages[stage])), " ",
                _("scores from {low} to {high}, {count} participants.",
                  low=whole(int(r.min)), high=whole(int(r.max)), count=int(r.n)),
                tag("ul", join(said), class_="jl-quotes") if said else ""])))
        found = tag("ul", join(entries), class_="jl-disagreements")
    book.subsection("disagreements", _("Where the room disagreed"), found)
    chart = h.charts.touchpoint_emotions()
    if chart is not None:
        book.subsection("touchpoint-emotions", _("Touchpoint by touchpoint"))
        book.chart("touchpoint-emotion-chart", chart)


# -- evidence from customers -------------------------------------------------------------

#: How an action's KPI names a scale; a custom scale has no such name.
KPI_NAMES = {ScaleKind.CSAT: "CSAT", ScaleKind.NPS: "NPS", ScaleKind.CES: "CES"}
#: The map's emotion scale, which every customer rating is converted to.
EMOTION_RANGE = (-3.0, 3.0)


def _for_persona(source: EvidenceSource, persona: Persona | None) -> EvidenceSource:
    """``source`` with only ``persona``'s ratings, where the data names personas."""
    if persona is None or not _names_personas(source):
        return source
    return source.model_copy(update={
        "cells": [cell for cell in source.cells if cell.persona == persona.id]})


def _names_personas(source: EvidenceSource) -> bool:
    return any(cell.persona for cell in source.cells)


def _within(low: float, high: float, n: int, bounds: tuple[float, float]) -> tuple[float, float]:
    """An interval kept within the scale's ``bounds``; none (NaN) for fewer than
    :data:`MIN_GROUP` ratings, too few to say where the mean lies."""
    if n < MIN_GROUP or not (known(low) and known(high)):
        return math.nan, math.nan
    return max(low, bounds[0]), min(high, bounds[1])


def _headline_bounds(scale: Scale) -> tuple[float, float]:
    return {ScaleKind.CSAT: (0.0, 100.0), ScaleKind.NPS: (-100.0, 100.0)}.get(
        scale.kind, (scale.low, scale.high))


def _versus(workshop: Workshop, source: EvidenceSource) -> pd.DataFrame:
    """The room beside the customers per stage, the customers' intervals as shown.

    Ratings of no known persona are left out where the data names personas: there is no
    room's view to set them beside.
    """
    said = room_versus_customers(workshop, [source])
    if _names_personas(source):
        said = said[said["persona"].map(known)].reset_index(drop=True)
    bounds = [_within(r.customers_low, r.customers_high, r.n, EMOTION_RANGE)
              for r in said.itertuples()]
    return said.assign(customers_low=[low for low, _high in bounds],
                       customers_high=[high for _low, high in bounds])


def kpi_targets(actions: Iterable[Action], scale: Scale) -> tuple[tuple[str, float], ...]:
    """The (title, target) of each action whose target the monthly chart of ``scale`` shows.

    An action's target is shown when its KPI names the scale by its short name (CSAT, NPS,
    CES) as a word, in any case, and the target is in the terms of the scale's headline: a
    CSAT target in per cent (its unit holds "%"), an NPS target from −100 to 100, a CES
    target within the scale's range. A KPI of "CSAT 4.3 points of 5" measures the mean
    rating, not the share of satisfied customers, so it is not drawn on that share.
    """
    name = KPI_NAMES.get(scale.kind)
    if name is None:
        return ()
    named = re.compile(rf"\b{name}\b", re.IGNORECASE)

    def in_terms(action: Action) -> bool:
        if scale.kind == ScaleKind.CSAT:
            return "%" in action.unit and 0 <= action.target <= 100
        if scale.kind == ScaleKind.NPS:
            return -100 <= action.target <= 100
        return scale.low <= action.target <= scale.high

    return tuple((a.title, a.target) for a in actions
                 if a.target is not None and named.search(a.kpi) and in_terms(a))


@dataclass
class _Parts:
    """Headings of one source's parts: ``<h3>`` in the contents when the workshop has one
    source, ``<h4>`` under the source's own ``<h3>`` when it has several."""

    book: _Book
    prefix: str
    level: int

    def heading(self, name: str, title: str, *parts: object) -> None:
        anchor = f"{self.prefix}-{name}"
        if self.level == 3:
            self.book.subsection(anchor, title, *parts)
        else:
            self.book.text(anchor, tag(f"h{self.level}", title, id=anchor), *parts)


def _counted(labels: dict[str, str], counts: dict[str, int]) -> str:
    """``no rating given (12), e-mail address (2)``: counts by their translated labels."""
    return ", ".join(_("{name} ({count})", name=_(labels[key]) if key in labels else key,
                       count=count) for key, count in counts.items())


def _provenance(source: EvidenceSource) -> Html:
    """Where the data comes from, what of it was used, and what personal data was removed."""
    used = sum(sum(cell.counts) for cell in source.cells)
    values = {"date": format_date(source.imported.date()), "file": source.file_name or
              source.name, "scale": _(SCALE_LABELS[source.scale.kind]), "used": used,
              "rows": source.rows, "respondents": source.respondents}
    said = [_("Imported on {date} from {file} ({scale}): {used} of {rows} rows used, from "
              "{respondents} respondents.", **values) if source.respondents else
            _("Imported on {date} from {file} ({scale}): {used} of {rows} rows used.",
              **values)]
    if source.skipped:
        said.append(_("Left out: {reasons}.", reasons=_counted(SKIP_LABELS, source.skipped)))
    if source.redacted:
        said.append(_("Personal data removed from the comments: {removed}.",
                      removed=_counted(REDACTED_LABELS, source.redacted)))
    return tag("p", " ".join(said), class_="jl-source")


def _interval(low: float, high: float, n: int, bounds: tuple[float, float],
              text=signed_or_dash) -> Html:
    """``95% interval: +1.2 to +1.9`` under a figure, or why there is none."""
    if n < MIN_GROUP:
        return tag("span", _("too few ratings for an interval"), class_="jl-range")
    low, high = _within(low, high, n, bounds)
    if not known(low):
        return Html("")
    return tag("span", _("95% interval: {low} to {high}", low=text(low), high=text(high)),
               class_="jl-range")


def _stage_table(h: _Handout, source: EvidenceSource) -> Html:
    """Per stage: ratings, mean emotion and the scale's headline, each with its interval."""
    kind = source.scale.kind
    rows = {row["stage"]: row for row in measures(source, ("stage",)).to_dict("records")}

    def headline(value: float) -> str:
        return headline_text(kind, value)

    body = []
    for stage in h.shown.stages:
        row = rows.get(stage.id)
        if row is None:
            body.append((stage.name, "0", "—", "—"))
            continue
        n = row["n"]
        strength = "jl-mean" if n >= MIN_GROUP else "jl-mean jl-few"  # too few: shown faint
        mood = join([tag("span", signed(row["emotion"]), class_=strength), " ",
                     tag("span", feeling(row["emotion"]), class_="jl-word"),
                     _interval(row["emotion_low"], row["emotion_high"], n, EMOTION_RANGE)])
        figure = join([tag("span", headline(row["headline"]), class_=strength),
                       _interval(row["headline_low"], row["headline_high"], n,
                                 _headline_bounds(source.scale), headline)])
        body.append((stage.name, str(n), mood, figure))
    return table([_("Stage"), _("Ratings"), _("Emotion, −3 to +3"), _(HEADLINES[kind])], body,
                 numeric=(1,), row_headers=True, class_="jl-ratings")


def _optimism(h: _Handout, versus: pd.DataFrame) -> Html:
    """The stages where the room is more optimistic than its customers, in one sentence."""
    flagged = [h.stages[r.stage] if not known(r.persona) else
               _("{stage} ({persona})", stage=h.stages[r.stage], persona=h.personas[r.persona])
               for r in versus.itertuples() if r.optimistic]
    if not flagged:
        return tag("p", _("At no stage is the room more optimistic than its customers."))
    return tag("p", join([tag("strong", _("The room is more optimistic than its customers at:")),
                          " ", ", ".join(flagged), "."]), class_="jl-flagged")


def _voices(parts: _Parts, h: _Handout, source: EvidenceSource) -> None:
    """Per stage the most frequent words of the comments and up to three example quotes."""
    words = {w.stage: w.words for w in source.words}
    quotes: dict[str, list] = {}
    for quote in source.quotes:
        quotes.setdefault(quote.stage, []).append(quote)
    stages = [s for s in h.shown.stages if s.id in words or s.id in quotes]
    if not stages:
        return
    note = (tag("p", _("Quotes and words come from all customers: the data does not say "
                       "which persona wrote them."), class_="jl-source")
            if h.persona and _names_personas(source) else "")
    parts.heading("voices", _("In the customers' words"), note)
    for stage in stages:
        said = [tag("div", join([tag("span", _("Most frequent words:"), class_="jl-label"),
                                 _tags(_("{name} ({count})", name=w.word, count=w.count)
                                       for w in words[stage.id])]), class_="jl-words")
                if stage.id in words else "",
                tag("div", join(_quote(q, source.scale) for q in quotes.get(stage.id, [])[:3]),
                    class_="jl-voices") if stage.id in quotes else ""]
        parts.book.text(f"{parts.prefix}-voices-{stage.id}",
                        tag(f"h{parts.level + 1}", stage.name, class_="jl-voices-of"), *said)


def _quote(quote: Quote, scale: Scale) -> Html:
    """A customer's comment with its rating, its border marking low and high ratings."""
    emotion = scale.emotion(quote.rating)
    mood = "low" if emotion <= -1 else "high" if emotion >= 1 else "middle"
    return tag("figure", join([
        tag("blockquote", tag("p", _lines(quote.text))),
        tag("figcaption", _("Rating: {rating} of {high}", rating=format_number(quote.rating, 1),
                            high=format_number(scale.high, 1)))]),
        class_=f"jl-quote jl-quote-{mood}")


def _customer_source(book: _Book, h: _Handout, source: EvidenceSource, parts: _Parts) -> None:
    shown = _for_persona(source, h.persona)
    narrowed = ""
    if h.persona and _names_personas(source):
        narrowed = _("The figures are of the customers the data names as {persona}.",
                     persona=h.persona.name)
    elif h.persona:
        narrowed = _("The data does not say which persona each customer is: the figures are "
                     "of all customers.")
    book.text(f"{parts.prefix}-source", _provenance(source),
              tag("p", narrowed, class_="jl-source") if narrowed else "")
    if not shown.cells:
        book.text(f"{parts.prefix}-none", _none(_("The data holds no ratings of {persona}.",
                                                  persona=h.persona.name)))
        _voices(parts, h, source)
        return
    versus = _versus(h.shown, shown)
    chart = h.charts.room_versus_customers(versus)
    if chart is not None:
        parts.heading("versus", _("The room versus its customers"), _intro(_(
            "Both on the map's scale from −3 to +3: a customer's lowest possible rating is −3, "
            "the highest +3. The room is more optimistic where its mean lies above the "
            "customers' 95% interval.")))
        book.chart(f"{parts.prefix}-versus-chart", chart)
        book.text(f"{parts.prefix}-flagged", _optimism(h, versus))
    parts.heading("stages", _("Ratings per stage"))
    book.html(f"{parts.prefix}-stages-table", _stage_table(h, shown))
    said = findings(h.workshop, shown)
    if said:
        parts.heading("findings", _("What the ratings show"), items(said, class_="jl-findings"))
    kind, headline = shown.scale.kind, _(HEADLINES[shown.scale.kind])
    targets = kpi_targets(h.shown.actions, shown.scale)
    chart = h.charts.customer_months(measures(shown, ("month",)), kind, headline, targets)
    if chart is not None:
        parts.heading("months", _("Month by month"), _intro(
            _("{headline} month by month; the band is its 95% interval.", headline=headline)))
        book.chart(f"{parts.prefix}-months-chart", chart)
        book.text(f"{parts.prefix}-targets", tag("p", _(
            "Dotted lines: the targets the action plan sets for {headline}.",
            headline=headline) if targets else _(
            "No action of the plan sets a target for {headline}.", headline=headline)))
    _voices(parts, h, source)


def _customers(book: _Book, h: _Handout) -> None:
    title = _("Evidence from customers")
    sources = h.workshop.evidence
    if not sources:
        book.section("customers", title, _none(_(
            "No customer data has been imported: the map shows the room's view only.")))
        return
    book.section("customers", title, _intro(_(
        "What customers said in surveys, set beside what the room assumed. Every figure has "
        "its 95% interval: the range its true value most likely lies in.")))
    for source in sources:
        if len(sources) == 1:
            parts = _Parts(book, "customers", 3)
        else:
            parts = _Parts(book, f"customers-{source.id}", 4)
            book.subsection(parts.prefix, source.name)
        _customer_source(book, h, source, parts)


def _customer_data(h: _Handout) -> Html:
    """What the imported customer data adds to the cards, with a link to it."""
    sources = h.workshop.evidence
    if not sources:
        return Html("")
    ratings = sum(sum(cell.counts) for source in sources for cell in source.cells)
    return tag("p", join([_(
        "Customer data backs the map: {ratings} ratings from {files}. The feelings of a stage "
        "with at least {count} ratings, and its pain points where customers rate it below "
        "neutral, count as survey evidence.", ratings=ratings,
        files=", ".join(source.file_name or source.name for source in sources),
        count=BACKED_FROM), " ", tag("a", _("Evidence from customers"), href="#customers")]))


def _evidence(book: _Book, h: _Handout) -> None:
    w = h.shown
    total = sum(h.cards.values())
    if not total:
        book.section("evidence", _("How strong the evidence is"),
                     _none(_("The map has no cards yet.")), _customer_data(h))
        return
    statement = (_assumptions_warning(h) if h.mostly_assumptions
                 else tag("p", _evidence_sentence(h), class_="jl-intro"))
    book.section("evidence", _("How strong the evidence is"), statement, _customer_data(h))
    rows = [(_evidence_tag(level), _(EVIDENCE_MEANINGS[level]), str(h.cards[level]),
             join([tag("span", percent(h.cards[level], total), class_="jl-share"),
                   tag("span", "", class_=f"jl-bar jl-ev-{level.value}",
                       style=f"width:{100 * h.cards[level] / total:.0f}%")]))
            for level in Evidence]
    book.html("evidence-table", table(
        [_("Source"), _("What it means"), _("Cards"), _("Share")], rows,
        numeric=(2,), row_headers=True, class_="jl-evidence"))
    per_stage = {s.id: Counter() for s in w.stages}
    for cell in w.journey:
        for _lane, card in cell.cards():
            per_stage[cell.stage][card.evidence] += 1
    rows = [(stage.name, *(str(per_stage[stage.id][level]) for level in Evidence),
             percent(per_stage[stage.id][Evidence.ASSUMPTION],
                     sum(per_stage[stage.id].values())))
            for stage in w.stages if per_stage[stage.id]]
    if rows:
        book.html("evidence-stages", table(
            [_("Stage"), *(_(EVIDENCE_LABELS[level]) for level in Evidence),
             _("Share of assumptions")], rows, numeric=range(1, len(Evidence) + 2),
            row_headers=True,
            caption=_("Cards per stage by where they come from")))


def _insights(book: _Book, h: _Handout) -> None:
    w = h.shown
    if not w.insights:
        book.empty_section("insights", _("Insights by priority"),
                           _("The workshop recorded no insights yet."))
        return
    book.section("insights", _("Insights by priority"), _intro(_(
        "The pain points and opportunities the room found, highest priority first. The room "
        "rated each one for impact and effort (1 to 5) and voted; quick wins (high impact, "
        "low effort) come before big bets, fill-ins and money pits.")))
    book.chart("priority-matrix", h.charts.priorities())
    rows = []
    for ranked in by_priority(w.insights):
        i = ranked.insight
        where = join((esc(name) for name in (h.stages.get(i.stage or ""),
                                             h.personas.get(i.persona or ""),
                                             h.touchpoints.get(i.touchpoint or "")) if name),
                     "<br>")
        rows.append((str(ranked.rank),
                     join([tag("strong", i.title),
                           paragraphs(i.description, class_="jl-detail")
                           if i.description else ""]),
                     tag("span", _(INSIGHT_KIND_LABELS[i.kind]),
                         class_=f"jl-kind jl-kind-{i.kind.value}"),
                     where or "—", str(i.votes), str(i.impact), str(i.effort),
                     tag("span", _(QUADRANT_LABELS[ranked.quadrant]),
                         class_=f"jl-quadrant jl-q-{ranked.quadrant.value}"),
                     _evidence_tag(i.evidence)))
    book.html("insights-table", table(
        ["#", _("Insight"), _("Kind"), _("Where"), _("Votes"), _("Impact"), _("Effort"),
         _("Quadrant"), _("Evidence")], rows, numeric=(0, 4, 5, 6), class_="jl-insights"))


def _change(action: Action) -> Html:
    def number(value: float | None) -> str:
        return "?" if value is None else format_number(value).replace("-", MINUS)

    if action.baseline is None and action.target is None:
        return Html("—")
    text = _("{baseline} → {target}", baseline=number(action.baseline),
             target=number(action.target))
    return esc(_("{value} {unit}", value=text, unit=action.unit) if action.unit else text)


def _actions(book: _Book, h: _Handout) -> None:
    w = h.shown
    if not w.actions:
        book.empty_section("actions", _("Action plan"), _("The workshop agreed no actions yet."))
        return
    book.section("actions", _("Action plan"), _intro(_(
        "What the organisation will change, who owns it, how success is measured (from the "
        "baseline today to the target) and by when.")))
    book.chart("kpi-chart", h.charts.kpis())
    titles = {i.id: i.title for i in h.workshop.insights}

    def missing(message: str) -> Html:
        return tag("span", message, class_="jl-missing")

    rows = [(join([tag("strong", a.title),
                   paragraphs(a.description, class_="jl-detail") if a.description else "",
                   items((titles[i] for i in a.insights), class_="jl-answers")]),
             a.owner or missing(_("no owner yet")), a.kpi or missing(_("no KPI yet")),
             _change(a), tag("span", format_date(a.due), class_="jl-date") if a.due else "—",
             tag("span", _(ACTION_STATUS_LABELS[a.status]),
                 class_=f"jl-status jl-status-{a.status.value}"))
            for a in w.actions]
    book.html("actions-table", table(
        [_("Action and the insights it answers"), _("Owner"), _("KPI"),
         _("Baseline → target"), _("Due"), _("Status")], rows, class_="jl-actions"))


def _footer(book: _Book, h: _Handout) -> None:
    book.text("footer", tag("footer", tag("p", _(
        "Made with JourneyLab {version} on {date} from the workshop “{title}”. The notebook "
        "beside this file opens in JupyterLab.", version=__version__,
        date=format_date(h.made), title=h.workshop.title)), class_="jl-footer"))


def handout_notebook(workshop: Workshop, language: str | None = None,
                     persona: str | None = None) -> NotebookNode:
    """The handout of ``workshop`` as a notebook of text, tables and rendered charts.

    Parameters
    ----------
    workshop
        The workshop to hand out.
    language
        The language of the handout's own words (default: the workshop's language); the
        workshop's text stays as the room wrote it.
    persona
        The id of one persona to follow; by default the handout shows every persona.
    """
    code = language or workshop.language
    with in_language(code):
        shown = _narrowed(workshop, persona)
        chosen = next((p for p in workshop.personas if p.id == persona), None)
        h = _Handout(workshop, shown, chosen, Charts(workshop, shown), dt.date.today())
        book = _Book()
        _jupyter_note(book, h)
        _cover(book, h)
        for section in (_about, _journey, _personas, _touchpoints, _stages, _emotions,
                        _customers, _evidence, _insights, _actions):
            section(book, h)
        _contents(book)
        _footer(book, h)
    return book.notebook({
        "title": workshop.title,
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "journeylab": {"handout": True, "language": code, "persona": persona,
                       "workshop": workshop.title, "made": h.made.isoformat(),
                       "version": __version__},
    })
