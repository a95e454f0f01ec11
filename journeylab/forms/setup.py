"""Step 1 of the workshop: agree what the room will map.

:func:`setup` is the form under the workshop menu of ``00_start_here``
(:func:`~journeylab.forms.start.start_here`): scope, goal, scenario, stages, participants
and the agenda of the open workshop.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from .. import edit
from ..agenda import AGENDAS
from ..charts.participants import department_counts, participants_by_department
from ..i18n import LANGUAGES, _, current_language, format_date, language, set_language
from ..model import Workshop, WorkshopState
from ..presets import FRAMEWORKS
from .fields import FieldRow, FieldSpec
from .items import ItemEditor, ListSpec
from .live import LiveForm
from .parts import form_style, section, spare_the_collector
from .session import SaveMark, Session
from .show import figure_png, html_table

_MUTED = "color:#555"
# read by screen readers, not shown: the chart's numbers as text
_VISUALLY_HIDDEN = "position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden"
# widget HTML takes the line height of an input row; tables read better tighter and ruled
_STYLE = """<style>
.journeylab-page .journeylab-table {border-collapse: collapse; line-height: 1.35;
  margin: .2em 0}
.journeylab-page .journeylab-table th, .journeylab-page .journeylab-table td {
  text-align: left; vertical-align: top; padding: .3em .7em .3em 0;
  border-bottom: 1px solid #e0e0e0}
.journeylab-page .journeylab-table thead th {border-bottom: 2px solid #888}
.journeylab-page .journeylab-summary td:first-child {color: #555; white-space: nowrap}
.journeylab-page .journeylab-table caption {text-align: left; font-weight: bold;
  padding-bottom: .3em}
.journeylab-page .widget-tab > .lm-TabBar .lm-TabBar-tab {flex: 0 0 auto; max-width: none}
</style>"""


def language_options(_workshop: Workshop | None = None) -> list[tuple[str, str]]:
    return [(native, code) for code, native in LANGUAGES.items()]


def framework_options(with_custom: bool) -> list[tuple[str, str]]:
    return [(framework.label(), framework.id) for framework in FRAMEWORKS.values()
            if with_custom or framework.stages]


def _state_options(_workshop: Workshop | None = None) -> list[tuple[str, str]]:
    return [(_("Current state: the journey as it is today"), WorkshopState.CURRENT.value),
            (_("Future state: the journey as it should become"), WorkshopState.FUTURE.value)]


def _workshop_fields() -> list[tuple[FieldSpec, str]]:
    """The workshop's own fields, each with the hint shown in it while it is empty."""
    return [
        (FieldSpec("title", _("Workshop title"), required=True), ""),
        (FieldSpec("organisation", _("Organisation")), ""),
        (FieldSpec("scope", _("Scope"), "textarea"),
         _("Which customers and which journey, from where to where; what is left out")),
        (FieldSpec("goal", _("Goal"), "textarea"),
         _("What the room should decide by the end of the workshop")),
        (FieldSpec("scenario", _("Scenario"), "textarea"),
         _("The situation the customer is in and what they want to get done")),
        (FieldSpec("date", _("Date"), "date"), ""),
        (FieldSpec("language", _("Language"), "choice", options=language_options), ""),
        (FieldSpec("facilitator", _("Facilitator")), ""),
        (FieldSpec("state", _("The map shows"), "choice", options=_state_options), ""),
    ]


def _fit(row: FieldRow, hint: str = "", message_width: str = "14em") -> FieldRow:
    """``row`` laid out for a narrow column: the label keeps its width, the input shrinks."""
    row.label.layout.min_width = row.label.layout.width
    row.input.layout.min_width = "0"  # a long menu option must not push the row wider
    row.message.layout.width = message_width
    row.message.layout.min_width = "6em"
    if hint:
        row.input.placeholder = hint
    return row


def field_row(spec: FieldSpec, workshop: Workshop | None, hint: str = "",
              message_width: str = "14em") -> FieldRow:
    """A :class:`FieldRow` for a narrow column, with ``hint`` shown while it is empty."""
    return _fit(FieldRow(spec, workshop), hint, message_width)


def stages_from_framework(workshop: Workshop, framework_id: str) -> tuple[Workshop, list[str]]:
    """``workshop`` with the stages of ``framework_id`` it lacks, and the names added.

    A workshop without stages takes the framework's stages and records the framework; one
    that has stages keeps every one of them (the room's work is never deleted here) and gets
    only those the framework has and it lacks, by id or by name, at the end.
    """
    framework = FRAMEWORKS[framework_id]
    with language(workshop.language):
        wanted = framework.stage_names()
    had_stages = bool(workshop.stages)
    ids = {stage.id for stage in workshop.stages}
    names = {stage.name.casefold() for stage in workshop.stages}
    added: list[str] = []
    for stage_id, name in wanted:
        if stage_id not in ids and name.casefold() not in names:
            workshop = edit.add(workshop, "stage", {"id": stage_id, "name": name})
            added.append(name)
    if not had_stages:
        workshop = edit.set_fields(workshop, framework=framework_id)
    return workshop, added


class _Scope:
    """The session as one rendering of a form sees it.

    The list editors register listeners on it; rendering the form again (in another
    language) starts a new scope, so the listeners of the widgets it replaced stop being
    called instead of piling up on the session.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._listeners: list[Callable[[Workshop], None]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def on_change(self, listener: Callable[[Workshop], None]) -> None:
        self._listeners.append(listener)

    def notify(self, workshop: Workshop) -> None:
        for listener in list(self._listeners):
            listener(workshop)


class SetupForm(LiveForm):
    """What the room agrees first: scope, goal, scenario, stages, who is in the room.

    Parts, for tests and for the page alike: :attr:`fields` (one :class:`FieldRow` per
    workshop field, by name), :attr:`stages` and :attr:`participants` (list editors),
    :attr:`framework` with :attr:`use_framework`, :attr:`summary`, :attr:`chart` and
    :attr:`agenda`. The form is drawn again in the new language when the language changes.
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.add_class("journeylab-setup")
        self.add_class("journeylab-page")
        self._render()

    # building
    def _render(self) -> None:
        workshop = self.session.workshop
        self._language = current_language()
        self._scope = _Scope(self.session)
        self._chart_key: tuple | None = None
        self._agenda_key: int | None = None
        self.heading = widgets.HTML()
        self.fields = {spec.name: field_row(spec, workshop, hint)
                       for spec, hint in _workshop_fields()}
        for name, row in self.fields.items():
            row.add_class(f"journeylab-field-{name}")  # a stable handle for the page's tests
            row.input.observe(self._field_changed, names="value")
        self.stages = ItemEditor(self._scope, ListSpec(
            "stage", "stages", _("Stages of the journey"),
            [FieldSpec("name", _("Stage name"), required=True),
             FieldSpec("description", _("What happens in this stage"), "textarea")]))
        self.stages.add_class("journeylab-stages")
        for row in self.stages.rows:
            _fit(row, message_width="10em")
        presets = framework_options(with_custom=False)
        chosen = workshop.framework if workshop.framework in {v for _l, v in presets} \
            else presets[0][1]
        self.framework = widgets.Dropdown(options=presets, value=chosen,
                                          layout=widgets.Layout(width="30em"))
        self.use_framework = widgets.Button(icon="list-ol",
                                            layout=widgets.Layout(width="auto"))
        self.framework_message = SaveMark()
        self.framework.observe(self._framework_chosen, names="value")
        self.use_framework.on_click(lambda _b: self._apply_framework())
        self.participants = ItemEditor(self._scope, ListSpec(
            "participant", "participants", _("Participants"),
            [FieldSpec("name", _("Name"), required=True),
             FieldSpec("department", _("Department"))],
            label=lambda p: f"{p.name} · {p.department}" if p.department else p.name))
        self.participants.add_class("journeylab-participants")
        for row in self.participants.rows:
            _fit(row, message_width="10em")
        self.summary = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(
            width="auto", max_width="100%", align_self="flex-start"))
        self.chart_alt = widgets.HTML()
        self.agenda = widgets.Tab(children=[widgets.HTML() for _agenda in AGENDAS])
        self.agenda.titles = tuple(agenda.label() for agenda in AGENDAS.values())
        self.summary.add_class("journeylab-summary")
        # side by side on a wide screen, one under the other on a phone
        fields_box = widgets.VBox(list(self.fields.values()), layout=widgets.Layout(
            flex="3 1 0", min_width="min(40em, 100%)"))
        summary_box = widgets.VBox([self.summary], layout=widgets.Layout(
            flex="2 1 0", min_width="min(24em, calc(100% - 1.5em))", margin="0 0 0 1.5em"))
        framework_row = widgets.HBox([widgets.HTML(html.escape(_("Stage framework")),
                                                   layout=widgets.Layout(min_width="12em")),
                                      self.framework, self.use_framework],
                                     layout=widgets.Layout(align_items="center"))
        self.children = [
            form_style(), widgets.HTML(_STYLE), self.heading, self.session.status,
            section(_("The workshop"), _("Every change is saved at once.")),
            widgets.HBox([fields_box, summary_box],
                         layout=widgets.Layout(flex_flow="row wrap", width="100%")),
            section(_("Start from a framework"),
                     _("Take the stages of one of the guides' frameworks, then rename, "
                       "describe and reorder them below.")),
            framework_row, self.framework_message,
            self.stages,
            self.participants, self.chart, self.chart_alt,
            section(_("Suggested agenda"),
                     _("Time boxes for the whole workshop, one step per notebook.")),
            self.agenda,
        ]
        self._show(workshop)

    # showing
    def refresh(self, workshop: Workshop) -> None:
        """Show ``workshop``; drawn anew in its language when that changed."""
        if workshop.language != current_language():
            set_language(workshop.language)
        if current_language() != self._language:
            self._render()
            return
        self._scope.notify(workshop)
        self._show(workshop)

    def _show(self, workshop: Workshop) -> None:
        self.heading.value = "<h2 style='margin:.2em 0'>{}</h2>".format(
            html.escape(_("Set up: {title}", title=workshop.title)))
        with self.quietly():
            for name, row in self.fields.items():
                saved = getattr(workshop, name)
                if row.read() != saved:  # changed elsewhere: what the row said is past
                    row.show(saved)
                    before, theirs = self.session.elsewhere, self.session.theirs
                    if before is not None and theirs is not None \
                            and getattr(theirs, name) != getattr(before, name):
                        row.message.note(_("Changed on another screen"))
                    else:
                        row.message.clear()
        counts = department_counts(workshop.participants)
        self.summary.value = html_table((_("Set-up"), _("Entered so far")),
                                        _summary_rows(workshop, counts),
                                        caption=_("Summary"))
        self._show_chart(counts)
        self._show_agenda(workshop)
        self._show_framework_hint()

    def _show_chart(self, counts: list[tuple[str, int]]) -> None:
        key = tuple(counts)
        if key == self._chart_key:
            return  # redrawing costs more than everything else a change does
        self._chart_key = key
        self.chart.value = figure_png(participants_by_department(counts))
        numbers = "; ".join(_("{department}: {count}", department=name or _("No department"),
                              count=count) for name, count in counts)
        self.chart_alt.value = f"<span style='{_VISUALLY_HIDDEN}'>{html.escape(numbers)}</span>"

    def _show_agenda(self, workshop: Workshop) -> None:
        stages = len(workshop.stages)
        if stages == self._agenda_key:
            return
        self._agenda_key = stages
        # no notebook column: a file name tells the room nothing the step's name does not
        headers = (_("Time"), _("Step"), _("What the room does"))
        for page, agenda in zip(self.agenda.children, AGENDAS.values(), strict=True):
            note = _("With {count} stages, stage mapping leaves about {minutes} minutes per "
                     "stage.", count=stages, minutes=agenda.minutes_for("mapping") // stages) \
                if stages else ""
            rows = [(time, step, does) for time, step, _notebook, does in agenda.rows()]
            page.value = html_table(headers, rows) + \
                (f"<p style='{_MUTED}'>{html.escape(note)}</p>" if note else "")

    def _framework_chosen(self, _change: dict) -> None:
        self.framework_message.clear()  # "Stages added from …" spoke of the one before
        self._show_framework_hint()

    def _show_framework_hint(self) -> None:
        if self.session.workshop.stages:
            self.use_framework.description = _("Add the missing stages")
            self.use_framework.tooltip = _("Adds the stages of this framework the workshop "
                                           "lacks; no stage is deleted")
        else:
            self.use_framework.description = _("Use these stages")
            self.use_framework.tooltip = _("Gives the workshop the stages of this framework")
        self.use_framework.disabled = self.framework.value is None

    # what the facilitator does
    def _field_changed(self, change: dict) -> None:
        if self.quiet:
            return
        row = next(r for r in self.fields.values() if r.input is change["owner"])
        value = row.read()
        # a refused value stays in the field, with the reason beside it
        self.session.apply(lambda w: edit.set_fields(w, **{row.spec.name: value}),
                           beside=row.message)

    def _apply_framework(self) -> None:
        framework_id = self.framework.value
        if framework_id is None:
            return
        added: list[str] = []

        def change(workshop: Workshop) -> Workshop:
            changed, names = stages_from_framework(workshop, framework_id)
            added[:] = names
            return changed

        label = FRAMEWORKS[framework_id].label()

        def said() -> str:
            if added:
                return _("Stages added from '{framework}': {stages}. Reorder them with Up "
                         "and Down.", framework=label, stages=", ".join(added))
            return _("The workshop already has every stage of '{framework}'.",
                     framework=label)

        self.session.apply(change, beside=self.framework_message, what=said)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _summary_rows(workshop: Workshop, departments: list[tuple[str, int]]
                  ) -> list[tuple[str, str]]:
    framework = FRAMEWORKS.get(workshop.framework)
    state = dict((value, label) for label, value in _state_options())[workshop.state.value]
    return [
        (_("Workshop"), workshop.title),
        (_("Organisation"), workshop.organisation or "—"),
        (_("Scope"), _short(workshop.scope) or "—"),
        (_("Goal"), _short(workshop.goal) or "—"),
        (_("Scenario"), _short(workshop.scenario) or "—"),
        (_("Date"), format_date(workshop.date) if workshop.date else "—"),
        (_("Language"), LANGUAGES[workshop.language]),
        (_("Facilitator"), workshop.facilitator or "—"),
        (_("The map shows"), state),
        (_("Stage framework"), framework.label() if framework else workshop.framework),
        (_("Stages"), " → ".join(stage.name for stage in workshop.stages) or "—"),
        (_("Participants"), str(len(workshop.participants))),
        (_("Departments"), ", ".join(name for name, _n in departments if name) or "—"),
    ]


def setup(session: Session) -> SetupForm:
    """The set-up form of the open workshop (step 1 of ``00_start_here``)."""
    form = SetupForm(session)
    spare_the_collector()
    return form
