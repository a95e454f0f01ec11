"""Step 7: insights from the map, votes, impact × effort, and the action plan.

The room turns the pain points and opportunities of the map into insights with one click,
votes on them and rates impact and effort; the matrix and the table show what to do first.
Then each action gets an owner, a KPI with a baseline and a target, a due date and the
insights it answers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from ..charts.priorities import (
    KIND_STYLE,
    LiveKpiTargets,
    LivePriorityMatrix,
    change_text,
)
from ..i18n import _, current_language, format_date, format_number
from ..model import (
    ACTION_STATUS_LABELS,
    EVIDENCE_LABELS,
    ActionStatus,
    Evidence,
    InsightKind,
    Workshop,
)
from ..presets import KPIS
from ..priorities import (
    KIND_LABELS,
    QUADRANT_LABELS,
    Candidate,
    add_candidate,
    by_priority,
    gather_candidates,
    same_title,
    vote_label,
)
from .dots import DotVoting
from .fields import FieldRow, FieldSpec
from .items import ItemEditor, ListSpec
from .live import LiveForm
from .parts import form_style, set_options, spare_the_collector
from .session import SaveMark, Session
from .show import html_table

_MUTED = "color:#555555"
# the matrix's marker of each kind, as a character in the colour the matrix gives it
_KIND_MARKS = {InsightKind.PAIN_POINT: "●", InsightKind.OPPORTUNITY: "◆"}


# -- fields this step needs beyond the common ones ---------------------------------------------

def _replace_input(row: FieldRow, widget: widgets.ValueWidget) -> None:
    row.input = widget
    row.children = (row.label, widget, row.message)


class OptionalChoiceRow(FieldRow):
    """A menu whose first choice, "— none —", leaves the field empty (``None``)."""

    def show(self, value: Any) -> None:
        """Show ``value``; ``None`` shows as the empty choice."""
        super().show("" if value is None else value)

    def read(self) -> Any:
        """The chosen id, or ``None`` for the empty choice."""
        return self.input.value or None


class WholeNumberRow(FieldRow):
    """A whole number the model checks: out-of-range input is refused with a message.

    A bounded input would silently clamp 9 to 5 and save it; here 9 stays in the field with
    the model's "must be at most 5" beside it, and nothing is saved.
    """

    def __init__(self, spec: FieldSpec, workshop: Workshop) -> None:
        super().__init__(spec, workshop)
        _replace_input(self, widgets.IntText(layout=widgets.Layout(width="8em")))


_EN_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


def parse_number(text: str) -> float | None:
    """A number as typed in the room: ``3,4``, ``3.4``, ``1 234,5``, ``1,234.5``; empty: None.

    Raises ``ValueError`` when ``text`` is not a number.
    """
    cleaned = "".join(text.split()).replace("'", "").replace("−", "-")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:  # the later mark separates the decimals
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif "," in cleaned:
        english = current_language() == "en" and _EN_THOUSANDS.fullmatch(cleaned)
        cleaned = cleaned.replace(",", "" if english else ".")
    if "_" in cleaned:
        raise ValueError(text)
    return float(cleaned)


class NumberRow(FieldRow):
    """A number that may stay empty, typed as text with a decimal comma or point.

    What cannot be read as a number is handed on as typed, so the model refuses it with
    "must be a number" beside the field and nothing is saved.
    """

    def __init__(self, spec: FieldSpec, workshop: Workshop) -> None:
        super().__init__(spec, workshop)
        _replace_input(self, widgets.Text(continuous_update=False,
                                          layout=widgets.Layout(width="10em")))

    def show(self, value: Any) -> None:
        """Show ``value`` as the workshop's language writes numbers."""
        self.input.value = "" if value is None else format_number(value, digits=6)

    def read(self) -> Any:
        """The number typed, ``None`` when empty, or the text itself when it is no number."""
        try:
            return parse_number(self.input.value)
        except ValueError:
            return self.input.value


def kpi_suggestions(workshop: Workshop) -> list[str]:
    """The KPIs of the presets in the workshop's language, then those the plan already uses."""
    found = [_(kpi) for kpi in KPIS] + [a.kpi for a in workshop.actions if a.kpi]
    return list(dict.fromkeys(found))


class KpiRow(FieldRow):
    """A KPI: free text, with the usual KPIs and those of the plan as suggestions."""

    def __init__(self, spec: FieldSpec, workshop: Workshop) -> None:
        super().__init__(spec, workshop)
        _replace_input(self, widgets.Combobox(
            options=tuple(kpi_suggestions(workshop)), ensure_option=False,
            continuous_update=False, placeholder=_("type, or pick a suggestion"),
            layout=widgets.Layout(width="100%")))

    def refresh_options(self, workshop: Workshop) -> None:
        """Renew the suggestions; the text typed stays."""
        self.input.options = tuple(kpi_suggestions(workshop))


class _Editor(ItemEditor):
    """An :class:`ItemEditor` with some rows of this module's kinds.

    ``rows`` maps a field name to the row class that edits it.
    """

    def __init__(self, session: Session, spec: ListSpec,
                 rows: Mapping[str, type[FieldRow]]):
        self._ready = False  # the common rows must not show values they cannot hold
        super().__init__(session, spec)
        for index, row in enumerate(self.rows):
            kind = rows.get(row.spec.name)
            if kind is not None:
                row.input.unobserve(self._field_changed, names="value")
                self.rows[index] = kind(row.spec, session.workshop)
                self.rows[index].input.observe(self._field_changed, names="value")
        for row in self.rows:
            row.add_class(f"journeylab-field-{row.spec.name}")  # a stable handle for tests
            # the fields get the width: labels are short and a message is one short line
            row.label.layout.width = "8.5em"
            row.label.layout.flex = "none"
            row.message.layout.width = "13em"
            row.message.layout.flex = "none"
            if row.input.layout.width == "100%":  # numbers keep their short boxes
                row.input.layout.flex = "1 1 auto"
                row.input.layout.min_width = "8em"
        _left, right = self.children[1].children
        right.children = tuple(self.rows)
        self._ready = True
        self.refresh(session.workshop)

    def refresh(self, workshop: Workshop) -> None:
        """Renew the list and the menus, once the rows of this module's kinds are in."""
        if self._ready:
            super().refresh(workshop)


# -- menus ---------------------------------------------------------------------------------------

def _none() -> tuple[str, str]:
    return (_("— none —"), "")


def _kinds(_workshop: Workshop) -> list[tuple[str, str]]:
    return [(_(KIND_LABELS[kind]), kind.value) for kind in InsightKind]


def _stages(workshop: Workshop) -> list[tuple[str, str]]:
    return [_none(), *((s.name, s.id) for s in workshop.stages)]


def _personas(workshop: Workshop) -> list[tuple[str, str]]:
    return [_none(), *((p.name, p.id) for p in workshop.personas)]


def _touchpoints(workshop: Workshop) -> list[tuple[str, str]]:
    return [_none(), *((t.name, t.id) for t in workshop.touchpoints)]


def _evidence(_workshop: Workshop) -> list[tuple[str, str]]:
    return [(_(EVIDENCE_LABELS[e]), e.value) for e in Evidence]


def _statuses(_workshop: Workshop) -> list[tuple[str, str]]:
    return [(_(ACTION_STATUS_LABELS[s]), s.value) for s in ActionStatus]


def _insight_choices(workshop: Workshop) -> list[tuple[str, str]]:
    return [(i.title, i.id) for i in workshop.insights]


def insight_fields() -> list[FieldSpec]:
    """The fields of an insight, as the form shows them."""
    return [
        FieldSpec("kind", _("Kind"), "choice", required=True, options=_kinds),
        FieldSpec("title", _("Title"), required=True),
        FieldSpec("description", _("Description"), "textarea"),
        FieldSpec("stage", _("Stage"), "choice", options=_stages),
        FieldSpec("persona", _("Persona"), "choice", options=_personas),
        FieldSpec("touchpoint", _("Touchpoint"), "choice", options=_touchpoints),
        FieldSpec("impact", _("Impact (1–5)"), "int", minimum=1, maximum=5),
        FieldSpec("effort", _("Effort (1–5)"), "int", minimum=1, maximum=5),
        FieldSpec("evidence", _("Evidence"), "choice", options=_evidence),
    ]


def action_fields() -> list[FieldSpec]:
    """The fields of an action, as the form shows them."""
    return [
        FieldSpec("title", _("Title"), required=True),
        FieldSpec("description", _("Description"), "textarea"),
        FieldSpec("owner", _("Owner")),
        FieldSpec("kpi", _("KPI")),
        FieldSpec("baseline", _("Baseline (today)"), "float"),
        FieldSpec("target", _("Target"), "float"),
        FieldSpec("unit", _("Unit")),
        FieldSpec("due", _("Due date"), "date"),
        FieldSpec("status", _("Status"), "choice", options=_statuses),
        FieldSpec("insights", _("Answers insights"), "multi", options=_insight_choices),
    ]


_INSIGHT_ROWS = {"stage": OptionalChoiceRow, "persona": OptionalChoiceRow,
                 "touchpoint": OptionalChoiceRow, "impact": WholeNumberRow,
                 "effort": WholeNumberRow}
_ACTION_ROWS = {"kpi": KpiRow, "baseline": NumberRow, "target": NumberRow}


def _refs_changed(now: tuple, before: tuple) -> bool:
    """Whether ``now`` holds other objects than ``before``: an unchanged part of a saved
    workshop is the very same object as before, so ``is`` tells cheaply what changed."""
    return len(now) != len(before) or any(a is not b for a, b in zip(now, before, strict=True))


# -- (a) candidates from the map ------------------------------------------------------------------

class CandidateRow(widgets.HBox):
    """One card of the map, with the button that makes it an insight."""

    def __init__(self) -> None:
        self.candidate: Candidate | None = None
        self.text = widgets.HTML(layout=widgets.Layout(flex="1"))
        self.add_button = widgets.Button(description=_("Add as insight"), icon="plus",
                                         layout=widgets.Layout(width="11em", flex="none"))
        self.mark = SaveMark(layout=widgets.Layout(flex="none", max_width="14em"))
        super().__init__([self.text, self.add_button, self.mark],
                         layout=widgets.Layout(width="100%", align_items="center",
                                               border_bottom="1px solid #e0e0e0"))
        self.add_class("journeylab-candidate")

    def show(self, candidate: Candidate | None, where: str, added: bool) -> None:
        """Show ``candidate`` (``None``: hide the row); ``added`` once it is an insight."""
        if candidate != self.candidate:
            self.mark.clear()
        self.candidate = candidate
        self.layout.display = "none" if candidate is None else ""
        if candidate is None:
            return
        mark, colour = _KIND_MARKS[candidate.kind], KIND_STYLE[candidate.kind][0]
        text = candidate.text if len(candidate.text) <= 220 else candidate.text[:219] + "…"
        self.text.value = (
            f"<span style='color:{colour}' aria-hidden='true'>{mark}</span> "
            f"<b>{html.escape(_(KIND_LABELS[candidate.kind]))}</b> "
            f"<span style='{_MUTED}'>· {html.escape(where)}</span><br>{html.escape(text)}")
        self.add_button.disabled = added
        self.add_button.description = _("Added") if added else _("Add as insight")
        self.add_button.icon = "check" if added else "plus"


class MapCandidates(widgets.VBox):
    """The pain points and opportunities of the map not yet made insights, a page at a time."""

    PAGE = 6

    def __init__(self, session: Session, on_added: Callable[[str], None]) -> None:
        self.session, self._on_added = session, on_added
        self.filter = widgets.Text(placeholder=_("Filter"), continuous_update=True,
                                   layout=widgets.Layout(width="14em"))
        self.kind = widgets.Dropdown(layout=widgets.Layout(width="12em"))
        self.stage = widgets.Dropdown(layout=widgets.Layout(width="14em"))
        self.previous = widgets.Button(description=_("Previous"), icon="chevron-left")
        self.next = widgets.Button(description=_("Next"), icon="chevron-right")
        self.position = widgets.HTML()
        self.message = widgets.HTML()
        self.rows = [CandidateRow() for _n in range(self.PAGE)]
        self.shown: list[Candidate] = []
        self._start = 0
        self._added: set[str] = set()  # titles added here: their rows stay, marked, in place
        self._seen: tuple = ()
        for row in self.rows:
            row.add_button.on_click(lambda _b, row=row: self._add(row))
        for control in (self.filter, self.kind, self.stage):
            control.observe(self._filter_changed, names="value")
        self.previous.on_click(lambda _b: self._page(-1))
        self.next.on_click(lambda _b: self._page(1))
        hint = widgets.HTML(html.escape(_(
            "The pain points and opportunities the room put on the map. One click makes one "
            "an insight, with its stage and persona; then vote and rate it below.")))
        super().__init__([
            widgets.HTML(f"<h3>{html.escape(_('From the map'))}</h3>"), hint,
            widgets.HBox([self.filter, self.kind, self.stage]), *self.rows,
            widgets.HBox([self.previous, self.position, self.next],
                         layout=widgets.Layout(align_items="center")),
            self.message])
        self.refresh(session.workshop)

    def candidates(self, gathered: Sequence[Candidate] | None = None) -> list[Candidate]:
        """The candidates the filters let through, with those just added here."""
        if gathered is None:
            gathered = gather_candidates(self.session.workshop)
        wanted = self.filter.value.strip().casefold()
        return [c for c in gathered
                if (not c.taken or same_title(c.title) in self._added)
                and (not self.kind.value or c.kind.value == self.kind.value)
                and (not self.stage.value or c.stage == self.stage.value)
                and (not wanted or wanted in c.text.casefold())]

    def refresh(self, workshop: Workshop) -> None:
        """Show the candidates of ``workshop`` (skipped when nothing they show changed)."""
        seen = (workshop.journey, workshop.insights, workshop.stages, workshop.personas,
                current_language())
        if not _refs_changed(seen, self._seen):
            return
        self._seen = seen
        self._set_menus(workshop)
        self._show()

    def _set_menus(self, workshop: Workshop) -> None:
        kinds = [(_("All kinds"), ""), *((_(KIND_LABELS[k]), k.value) for k in InsightKind)]
        stages = [(_("All stages"), ""), *((s.name, s.id) for s in workshop.stages)]
        set_options(self.kind, kinds)
        set_options(self.stage, stages)

    def _filter_changed(self, _change: dict) -> None:
        self._start, self._added = 0, set()
        self._show()

    def _page(self, offset: int) -> None:
        self._start = max(0, self._start + offset * self.PAGE)
        self._added = set()
        self._show()

    def _show(self) -> None:
        workshop = self.session.workshop
        gathered = gather_candidates(workshop)
        found = self.candidates(gathered)
        if self._start >= len(found):
            self._start = max(0, (len(found) - 1) // self.PAGE * self.PAGE)
        self.shown = found[self._start:self._start + self.PAGE]
        stages = {s.id: s.name for s in workshop.stages}
        personas = {p.id: p.name for p in workshop.personas}
        for n, row in enumerate(self.rows):
            candidate = self.shown[n] if n < len(self.shown) else None
            where = "" if candidate is None else _(
                "{stage} · {persona}", stage=stages.get(candidate.stage, candidate.stage),
                persona=personas.get(candidate.persona, candidate.persona))
            row.show(candidate, where, candidate is not None and candidate.taken)
        self.previous.disabled = self._start == 0
        self.next.disabled = self._start + self.PAGE >= len(found)
        if found:
            self.position.value = html.escape(_(
                "{first}–{last} of {count}", first=self._start + 1,
                last=self._start + len(self.shown), count=len(found)))
        else:
            self.position.value = ""
        if found:
            message = ""
        elif not gathered:
            message = _("The map has no pain points or opportunities yet: add them in step 4 "
                        "(stage mapping), or type an insight below.")
        elif all(c.taken for c in gathered):
            message = _("Every pain point and opportunity on the map is an insight now.")
        else:
            message = _("Nothing matches the filter.")
        self.message.value = html.escape(message)

    def _add(self, row: CandidateRow) -> None:
        candidate = row.candidate
        if candidate is None or row.add_button.disabled:
            return
        before = {i.id for i in self.session.workshop.insights}
        self._added.add(same_title(candidate.title))
        problems = self.session.apply(lambda w: add_candidate(w, candidate), beside=row.mark)
        if problems:
            self._added.discard(same_title(candidate.title))
            self.message.value = html.escape("; ".join(p.message for p in problems))
            return
        new = next((i.id for i in self.session.workshop.insights if i.id not in before), None)
        if new is not None:
            self._on_added(new)


# -- the whole step -----------------------------------------------------------------------------

class InsightsActions(LiveForm):
    """Step 7: candidates from the map, insights with votes, priorities, and the action plan."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.insights = _Editor(session, ListSpec(
            "insight", "insights", _("Insights: vote, then rate impact and effort"),
            insight_fields(), new_defaults=lambda w: {"kind": InsightKind.PAIN_POINT.value},
            label=lambda i: vote_label(i.votes, i.title)), _INSIGHT_ROWS)
        self.dots = DotVoting(session)
        self.candidates = MapCandidates(session, self._select_insight)
        self.matrix = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.priority_table = widgets.HTML()
        self.actions = _Editor(session, ListSpec(
            "action", "actions", _("Action plan"), action_fields(),
            label=lambda a: a.title), _ACTION_ROWS)
        self.actions_table = widgets.HTML()
        self.kpi_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self._matrix = LivePriorityMatrix()
        self._kpis = LiveKpiTargets()
        self._seen: dict[str, Any] = {}

        def heading(text: str) -> widgets.HTML:
            return widgets.HTML(f"<h3>{html.escape(text)}</h3>")

        super().__init__(session, [
            form_style(), session.status, self.candidates, self.insights, self.dots,
            heading(_("What to do first")), self.matrix, self.priority_table,
            self.actions, self.actions_table, self.kpi_chart, session.status])
        for part, name in ((self.candidates, "candidates"), (self.insights, "insights-editor"),
                           (self.matrix, "matrix"), (self.priority_table, "priority-table"),
                           (self.actions, "actions-editor"),
                           (self.actions_table, "actions-table"), (self.kpi_chart, "kpi-chart")):
            part.add_class(f"journeylab-{name}")
        self.add_class("journeylab-insights")
        self.refresh(session.workshop)

    # what the facilitator does
    def _select_insight(self, insight_id: str) -> None:
        self.insights.filter.value = ""
        self.insights.choice.value = insight_id

    # what is shown
    def _changed(self, name: str, *refs: Any) -> bool:
        """Whether any of ``refs`` is another object than when ``name`` was last drawn."""
        refs = (*refs, current_language())
        if name in self._seen and not _refs_changed(refs, self._seen[name]):
            return False
        self._seen[name] = refs
        return True

    def _differs(self, name: str, key: tuple) -> bool:
        """Whether ``key`` differs from the one ``name`` was last drawn for."""
        key = (key, current_language())
        if self._seen.get(name) == key:
            return False
        self._seen[name] = key
        return True

    def refresh(self, workshop: Workshop) -> None:
        """Draw again only what the change touched (see :func:`_refs_changed`)."""
        # only what a change touched is drawn again (see _refs_changed)
        self.candidates.refresh(workshop)
        if self._changed("dots", workshop.insights, workshop.participants):
            self.dots.refresh(workshop)
        if self._changed("priorities", workshop.insights, workshop.stages, workshop.personas):
            self._show_priorities(workshop)
        if self._changed("actions", workshop.actions, workshop.insights):
            self._show_actions(workshop)

    def _show_priorities(self, workshop: Workshop) -> None:
        matrix_key = tuple((i.id, i.kind, i.title, i.votes, i.impact, i.effort)
                           for i in workshop.insights)
        if self._differs("matrix", matrix_key):
            self.matrix.value = self._matrix.png(workshop.insights)
        stages = {s.id: s.name for s in workshop.stages}
        personas = {p.id: p.name for p in workshop.personas}
        ranked = by_priority(workshop.insights)
        # scores repeat a lot, and writing a number in the room's language is not free
        scores = {r.score: format_number(r.score, 1) for r in ranked}
        self.priority_table.value = html_table(
            [_("Rank"), _("Insight"), _("Kind"), _("Stage"), _("Persona"), _("Votes"),
             _("Impact"), _("Effort"), _("Score"), _("Quadrant")],
            [(r.rank, r.insight.title, _(KIND_LABELS[r.insight.kind]),
              stages.get(r.insight.stage, "—"), personas.get(r.insight.persona, "—"),
              r.insight.votes, r.insight.impact, r.insight.effort,
              scores[r.score], _(QUADRANT_LABELS[r.quadrant]))
             for r in ranked],
            caption=_("Insights by priority: impact × (6 − effort) × (1 + votes ÷ most "
                      "votes)"),
            empty=_("No insights yet: add them from the map above, or type one."))

    def _show_actions(self, workshop: Workshop) -> None:
        kpi_key = tuple((a.title, a.kpi, a.baseline, a.target, a.unit)
                        for a in workshop.actions)
        if self._differs("kpis", kpi_key):
            self.kpi_chart.value = self._kpis.png(workshop.actions)
        titles = {i.id: i.title for i in workshop.insights}
        self.actions_table.value = html_table(
            [_("Action"), _("Owner"), _("KPI"), _("Baseline → target"), _("Due"),
             _("Status"), _("Answers")],
            [(a.title, a.owner or "—", a.kpi or "—", change_text(a, missing="—"),
              format_date(a.due) if a.due else "—", _(ACTION_STATUS_LABELS[a.status]),
              "; ".join(titles.get(i, i) for i in a.insights) or "—")
             for a in workshop.actions],
            caption=_("The action plan"),
            empty=_("No actions yet: type one in the action plan above and press Enter."))


def insights_actions(session: Session) -> InsightsActions:
    """The form of step 7: insights from the map, votes, priorities and the action plan."""
    form = InsightsActions(session)
    spare_the_collector()
    return form
