"""Step 6, evidence from customer data: a survey export set beside the room's map.

The analyst chooses an export, or uploads one (:mod:`.evidence_files`), and presses "Read
the file". The form shows how the file is written, which column holds what, the scale, and
how the file's own labels map onto the workshop's stages, touchpoints and personas: each
suggested, each changeable. A change of how the file is read reads it again; a change of a
label only re-maps what was read. What was found (usable rows, ratings per stage, the
findings, the room beside the customers) follows every change; nothing is written to the
workshop before "Save to the workshop". Next month's export with the same columns reuses
the saved mapping: choose it, read it, save it.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterator

import ipywidgets as widgets
from pydantic import ValidationError

from ..charts.evidence import monthly_chart, room_versus_customers_chart, stage_ratings_chart
from ..errors import JourneyLabError
from ..evidence import importer, report
from ..evidence.findings import findings
from ..evidence.mapping import COLUMN_LABELS, suggest_scale
from ..evidence.measures import HEADLINES, measures, room_versus_customers, workshop_order
from ..evidence.read import PROGRESS_FROM, date_format
from ..evidence.source import keep_respondent_key, respondent_key
from ..i18n import N_, _, format_number
from ..model import (
    SCALE_LABELS,
    SCALE_RANGES,
    ColumnMap,
    EvidenceSource,
    ReadSettings,
    Scale,
    ScaleKind,
    Workshop,
    problems_from,
)
from .evidence_files import FileChoice, LocalFile, UploadedFile
from .evidence_parts import (
    LEAVE_OUT,
    UNDECIDED,
    LabelRow,
    SavedRow,
    bullets,
    figure_text,
    grid,
    menu_row,
    picture,
    workbook_sheets,
    targets,
    without,
)
from .live import LiveForm
from .parts import (
    form_style,
    missing_parts,
    note,
    replaces_earlier,
    section,
    set_options,
    spare_the_collector,
)
from .session import SaveMark, Session
from .show import html_table

#: Labels shown per column; rarer ones keep their suggestion.
LABELS_SHOWN = 60

_ENCODINGS = {"utf-8": N_("UTF-8"), "utf-8-sig": N_("UTF-8 with byte order mark"),
              "utf-16": N_("UTF-16 (Excel's Unicode text)"),
              "cp1251": N_("Windows-1251 (Cyrillic)"), "cp1257": N_("Windows-1257 (Baltic)"),
              "cp1252": N_("Windows-1252 (Western European)")}
_SEPARATORS = {";": N_("semicolon ( ; )"), ",": N_("comma ( , )"), "\t": N_("tab")}
_DECIMALS = {",": N_("comma, as 3,5"), ".": N_("point, as 3.5")}
_DATES = {"%d.%m.%Y": N_("day.month.year, as 03.11.2026"),
          "%Y-%m-%d": N_("year-month-day, as 2026-11-03"),
          "%d/%m/%Y": N_("day/month/year, as 03/11/2026"),
          "%m/%d/%Y": N_("month/day/year, as 11/03/2026")}
_STYLE = """<style>
.journeylab-evidence .journeylab-table {border-collapse: collapse; line-height: 1.35;
  margin: .2em 0 .6em}
.journeylab-evidence .journeylab-table th, .journeylab-evidence .journeylab-table td {
  text-align: left; vertical-align: top; padding: .3em .9em .3em 0;
  border-bottom: 1px solid #e0e0e0}
.journeylab-evidence .journeylab-table thead th {border-bottom: 2px solid #888}
.journeylab-evidence .journeylab-table caption {text-align: left; font-weight: bold;
  padding-bottom: .3em}
.journeylab-evidence .journeylab-label-row {border-bottom: 1px solid #e0e0e0}
.journeylab-evidence .journeylab-unmapped {background: #fff4d6}
.journeylab-evidence .journeylab-unmapped .journeylab-label-name {font-weight: bold}
.journeylab-evidence ul {margin: .2em 0 .6em; padding-left: 1.4em}
.journeylab-evidence li.journeylab-detail {margin-left: 1.4em; list-style: circle}
.journeylab-evidence .journeylab-chart img {max-width: 100%; height: auto}
.journeylab-evidence li {line-height: 1.45; margin: .1em 0}
.journeylab-evidence .widget-tab > .lm-TabBar .lm-TabBar-tab {flex: 0 0 auto; max-width: none}
</style>"""


class EvidenceForm(LiveForm):
    """Step 6: read a survey export, check how it maps onto the map, see it, save it."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, layout=widgets.Layout(width="100%"))
        self.proposal: importer.Proposal | None = None
        self.preview: importer.Preview | None = None
        self._file: LocalFile | UploadedFile | None = None  # the file read last
        self._labels: dict[str, dict[str, str | None]] = {}
        self._respondent_key: bytes | None = None
        self.label_rows: dict[str, list[LabelRow]] = {f: [] for f in importer.LABEL_FIELDS}
        self._drawn: tuple = ()
        self._build_file_part()
        self._build_reading_part()
        self._build_labels_part()
        self._build_results_part()
        self._build_saved_part()
        self.notice = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("journeylab-evidence-message")
        self.body = widgets.VBox([
            self.file_part, self.reading_part, self.message, self.labels_part,
            self.results_part, session.status, self.saved_part,
        ], layout=widgets.Layout(width="100%"))
        self.children = [form_style(), widgets.HTML(_STYLE), self.notice, self.body]
        for part, name in ((self.file_part, "file"), (self.reading_part, "reading"),
                           (self.labels_part, "labels"), (self.results_part, "results"),
                           (self.saved_part, "saved")):
            part.add_class(f"journeylab-evidence-{name}-part")
        for field, table in self.label_tables.items():
            table.add_class(f"journeylab-labels-{field}")
        self.add_class("journeylab-evidence")
        replaces_earlier(session, "evidence", [self.refresh])
        self._show_nothing_read()
        self.refresh(session.workshop)

    # -- building the parts -----------------------------------------------------------------
    def _build_file_part(self) -> None:
        self.files = FileChoice(self.session, read=self.read_file)
        # the parts a test or the page reaches for
        self.file_menu, self.look_again, self.path = (self.files.menu, self.files.look_again,
                                                      self.files.path)
        self.read_button, self.upload = self.files.read_button, self.files.upload
        self.progress = widgets.IntProgress(min=0, max=100, description=_("Reading"),
                                            layout=widgets.Layout(display="none",
                                                                  width="36em"))
        self.file_part = widgets.VBox([
            section(_("1. Choose the file"),
                    _("A survey or feedback export with one answer per row: CSV, TSV or XLSX. "
                      "Files in the workshop's folder and in the project's data folder are "
                      "listed.")),
            self.files, self.progress])

    def _build_reading_part(self) -> None:
        workshop = self.session.workshop
        self.settings_rows = {
            "encoding": menu_row(workshop, "encoding", _("Encoding"), _ENCODINGS),
            "separator": menu_row(workshop, "separator", _("Separator"), _SEPARATORS),
            "decimal": menu_row(workshop, "decimal", _("Decimal mark"), _DECIMALS),
            "date_format": menu_row(workshop, "date_format", _("Dates"), _DATES),
            "sheet": menu_row(workshop, "sheet", _("Sheet")),
        }
        self.column_rows = {field: menu_row(workshop, field, _(label).capitalize())
                            for field, label in COLUMN_LABELS.items()}
        self.scale_kind = menu_row(workshop, "scale", _("Scale"),
                                    {kind.value: SCALE_LABELS[kind] for kind in ScaleKind})
        self.scale_numbers = {name: widgets.FloatText(description=label, layout=widgets.Layout(
            width="12em")) for name, label in (("low", _("Lowest")), ("high", _("Highest")),
                                               ("step", _("Step")))}
        self.custom_scale = widgets.HBox(list(self.scale_numbers.values()),
                                         layout=widgets.Layout(margin="0 0 0 11em"))
        for row in (*self.settings_rows.values(), *self.column_rows.values(), self.scale_kind):
            row.input.observe(self._reading_changed, names="value")
        for box in self.scale_numbers.values():
            box.observe(self._reading_changed, names="value")
        self.reading_part = widgets.VBox([
            section(_("2. How the file is written"),
                     _("As detected. If letters look wrong or columns run together, change "
                       "it here: the file is read again.")),
            grid(list(self.settings_rows.values())),
            section(_("3. Columns and scale"),
                     _("Which column holds what. Only the stage and the rating are needed; "
                       "the file's other columns are never read.")),
            grid(list(self.column_rows.values())), grid([self.scale_kind]),
            self.custom_scale])

    def _build_labels_part(self) -> None:
        self.label_tables = {field: widgets.VBox(layout=widgets.Layout(padding=".4em 0"))
                             for field in importer.LABEL_FIELDS}
        self.label_tabs = widgets.Tab(layout=widgets.Layout(width="100%"))
        self.labels_part = widgets.VBox([
            section(_("4. Labels"),
                     _("The file names stages, touchpoints and segments in its own words. "
                       "Choose what each means on the map; highlighted labels are not "
                       "mapped yet. A stage label left out leaves its ratings out.")),
            self.label_tabs])

    def _build_results_part(self) -> None:
        self.found = widgets.HTML()
        self.per_stage = widgets.HTML()
        self.findings = widgets.HTML()
        self.charts = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.save_button = widgets.Button(description=_("Save to the workshop"), icon="save",
                                          button_style="success",
                                          layout=widgets.Layout(width="auto",
                                                                align_self="flex-start"))
        self.save_message = SaveMark()
        for part, name in ((self.found, "found"), (self.per_stage, "per-stage"),
                           (self.findings, "findings"), (self.charts, "charts"),
                           (self.save_button, "save"), (self.save_message, "save-message")):
            part.add_class(f"journeylab-{name}")
        self.save_button.on_click(lambda _b: self.save())
        self.results_part = widgets.VBox([
            section(_("5. What was found")), self.found, self.per_stage, self.findings,
            self.charts,
            section(_("6. Save to the workshop"),
                     _("Keeps the ratings, the mapping and redacted quotes, never the file. "
                       "An earlier import of the same survey is replaced.")),
            self.save_button, self.save_message])

    def _build_saved_part(self) -> None:
        self.saved_list = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.saved_message = SaveMark()
        self.saved_part = widgets.VBox([
            section(_("Customer data in this workshop")), self.saved_list,
            self.saved_message])

    # -- what the facilitator does ------------------------------------------------------------
    def read_file(self) -> None:
        """Read the chosen file as detected, with an earlier import's mapping if it fits."""
        self._show_nothing_read()
        try:
            self._file = self.files.take()
        except JourneyLabError as refusal:
            self._complain(str(refusal))
            return
        if self._file is None:
            self._complain(_("Choose a file in the menu, type its path or upload it first."))
            return
        self._labels = {field: {} for field in importer.LABEL_FIELDS}
        with self._reported(), self._file.opened() as path:
            self.proposal = importer.propose(self.session.workshop, path)
            self._show_proposal()
            self._scan()

    @contextlib.contextmanager
    def _reread(self) -> Iterator[None]:
        """The file read again: an upload gets a private copy for as long as it is read."""
        with self._reported(), self._file.opened() as path:
            self.proposal = self.proposal.with_changes(path=path)
            yield

    def save(self) -> None:
        """Put what was found in the workshop, replacing an earlier import of the same id."""
        if self.preview is None:
            return
        source = self.preview.source
        raised: list[int] = []

        def change(workshop: Workshop) -> Workshop:
            updated, count = importer.save(workshop, source)
            raised[:] = [count]
            return updated

        def said() -> str:
            facts = {"name": source.name, "count": raised[0],
                     "rows": format_number(sum(sum(c.counts) for c in source.cells), 0)}
            return _("Saved '{name}' to the workshop: {rows} ratings; {count} cards on the map "
                     "are now marked as backed by a survey.", **facts) if raised[0] else _(
                "Saved '{name}' to the workshop: {rows} ratings; no card on the map needed its "
                "evidence level raised.", **facts)

        if self.session.apply(change, beside=self.save_message, what=said):
            return
        keep_respondent_key(self.session.file.path.parent, self._key())
        kept = next(s for s in self.session.workshop.evidence if s.id == source.id)
        self.proposal = self.proposal.with_changes(earlier=kept)  # saving again replaces it

    def remove(self, source_id: str) -> None:
        """Take an import out of the workshop (its file can be imported again)."""
        name = next((s.name for s in self.session.workshop.evidence if s.id == source_id), "")
        self.session.apply(without(source_id), beside=self.saved_message,
                           what=_("Removed '{name}'.", name=name))

    def _reading_changed(self, _change: dict) -> None:
        if self.quiet or self.proposal is None:
            return
        self._show_nothing_found()
        with self._reread():
            self.proposal = self._proposal_as_shown()
            self._show_proposal()
            self._scan()

    def _label_changed(self, row: LabelRow) -> None:
        if self.quiet or self.preview is None:
            return
        decided = self._labels.setdefault(row.field, {})
        if row.target.value == UNDECIDED:
            decided.pop(row.label, None)
        else:
            decided[row.label] = row.target.value or None
        with self._reported():
            self._remap()

    # -- reading and mapping -------------------------------------------------------------------
    def _proposal_as_shown(self) -> importer.Proposal:
        """The proposal with the settings, columns and scale the form shows."""
        proposal = self.proposal
        settings = ReadSettings(**{name: row.input.value or ""
                                   for name, row in self.settings_rows.items()})
        columns = ColumnMap(**{field: row.input.value or ""
                               for field, row in self.column_rows.items()})
        scale = self._scale_as_shown()
        if columns.rating != proposal.columns.rating and columns.rating:
            scale = suggest_scale(columns.rating, self._sample(columns.rating), settings.decimal)
        if columns.date and not proposal.columns.date and not settings.date_format:
            settings = settings.model_copy(update={
                "date_format": date_format(self._sample(columns.date)) or "%d.%m.%Y"})
        return proposal.with_changes(settings=settings, columns=columns, scale=scale)

    def _scale_as_shown(self) -> Scale:
        kind = ScaleKind(self.scale_kind.input.value)
        numbers = {name: box.value for name, box in self.scale_numbers.items()}
        if kind in SCALE_RANGES:
            numbers["low"], numbers["high"] = SCALE_RANGES[kind]
        return Scale(kind=kind, **numbers)

    def _sample(self, column: str) -> list[str]:
        detected = self.proposal.detected
        where = detected.header.index(column)
        return [row[where] for row in detected.sample if len(row) > where]

    def _scan(self) -> None:
        """Read the whole file under the proposal (a bar shows how far, for large files)."""
        big = self.proposal.detected.size > PROGRESS_FROM
        self.progress.value = 0
        self.progress.layout.display = "" if big else "none"
        try:
            self.preview = importer.preview(
                self.session.workshop, self.proposal, self._key(), self._labels,
                progress=self._progressed if big else None)
        finally:
            self.progress.layout.display = "none"
        self._show_preview()

    def _remap(self) -> None:
        """Map the labels again onto what was read, without reading the file."""
        choices = {field: {id_ for _name, id_ in self._choices(field)}
                   for field in importer.LABEL_FIELDS}
        for field, decided in self._labels.items():
            for label in [k for k, v in decided.items() if v is not None
                          and v not in choices[field]]:
                del decided[label]  # an item deleted since: decide again
        self.preview = importer.preview(self.session.workshop, self.proposal, self._key(),
                                        self._labels, found=self.preview.scan)
        self._show_preview()

    def _key(self) -> bytes:
        """The folder's key for respondent ids, the same for every preview of this form."""
        if self._respondent_key is None:
            self._respondent_key = respondent_key(self.session.file.path.parent)
        return self._respondent_key

    def _progressed(self, done: float) -> None:
        self.progress.value = round(100 * done)

    def _choices(self, field: str) -> list[tuple[str, str]]:
        workshop = self.session.workshop
        items = {"stage": workshop.stages, "touchpoint": workshop.touchpoints,
                 "persona": workshop.personas}[field]
        return [(item.name, item.id) for item in items]

    @contextlib.contextmanager
    def _reported(self) -> Iterator[None]:
        """Show why what the facilitator did could not be done; the workshop is untouched."""
        try:
            yield
        except JourneyLabError as error:
            self._failed(self._file.shown(str(error)) if self._file else str(error))
        except ValidationError as error:
            reasons = dict.fromkeys(p.message for p in problems_from(error))
            self._failed(_("These choices cannot be used: {reasons}",
                           reasons="; ".join(reasons)))
        except UnicodeError:  # UTF-16 chosen for a file without its byte order mark
            self._failed(_("The file cannot be read as {encoding}: choose another encoding.",
                           encoding=_(_ENCODINGS[self.proposal.settings.encoding])))

    def _failed(self, message: str) -> None:
        self.preview = None
        self._show_nothing_found()
        self._complain(message)

    def _complain(self, message: str) -> None:
        self.message.value = f"<div style='margin:.4em 0'>{note('⚠ ' + message, error=True)}" \
                             "</div>"

    # -- what is shown -----------------------------------------------------------------------
    def refresh(self, workshop: Workshop) -> None:
        """Follow the workshop's stages, files and saved imports; map the labels again."""
        missing = missing_parts(workshop) if not workshop.stages else []
        self.notice.value = "<br>".join(note(m, error=True) for m in missing)
        self.body.layout.display = "none" if missing else ""
        self.files.refresh()
        self._show_saved(workshop)
        drawn = (workshop.stages, workshop.touchpoints, workshop.personas, workshop.emotions,
                 workshop.actions)
        if self.preview is not None and drawn != self._drawn:
            with self._reported():
                self._remap()

    def _show_nothing_read(self) -> None:
        self.proposal = self.preview = None
        self.message.value = ""
        self.save_message.clear()
        self.reading_part.layout.display = "none"
        self._show_nothing_found()

    def _show_nothing_found(self) -> None:
        self.labels_part.layout.display = "none"
        self.results_part.layout.display = "none"

    def _show_proposal(self) -> None:
        proposal = self.proposal
        header = [(_("— none —"), "")] + [(name, name) for name in proposal.detected.header]
        workbook = proposal.detected.workbook
        sheets = workbook_sheets(proposal.path) if workbook else []
        with self.quietly():
            shown = {"sheet"} if workbook else {"encoding", "separator", "decimal"}
            if proposal.columns.date:
                shown.add("date_format")
            for name, row in self.settings_rows.items():
                row.layout.display = "" if name in shown else "none"
            set_options(self.settings_rows["sheet"].input, [(s, s) for s in sheets])
            for name, row in self.settings_rows.items():
                value = getattr(proposal.settings, name)
                if name == "sheet":
                    value = value or (sheets[0] if sheets else None)
                row.show(value or None)
            for field, row in self.column_rows.items():
                set_options(row.input, header)
                row.show(getattr(proposal.columns, field))
            self.scale_kind.show(proposal.scale.kind.value)
            for name, box in self.scale_numbers.items():
                box.value = getattr(proposal.scale, name)
            self.custom_scale.layout.display = "" if proposal.scale.kind == ScaleKind.CUSTOM \
                else "none"
        self.reading_part.layout.display = ""

    def _show_preview(self) -> None:
        workshop, preview = self.session.workshop, self.preview
        self._drawn = (workshop.stages, workshop.touchpoints, workshop.personas,
                       workshop.emotions, workshop.actions)
        self.message.value = ""
        self.save_message.clear()
        self._show_label_tabs()
        source = preview.source
        self.found.value = self._found_html()
        self.save_button.disabled = not source.cells
        if source.cells:
            self.per_stage.value = self._per_stage_html(source, workshop)
            self.findings.value = self._findings_html(source, workshop)
            self.charts.value = self._charts_html(source, workshop)
        else:
            self.per_stage.value = note(_("No rating can be used yet: map at least one stage "
                                          "label above."), error=True)
            self.findings.value = self.charts.value = ""
        self.labels_part.layout.display = self.results_part.layout.display = ""

    def _show_label_tabs(self) -> None:
        """A tab per column with labels, each saying how many are still to map."""
        tabs, titles = [], []
        for field in importer.LABEL_FIELDS:
            undecided = self._show_labels(field)
            if self.label_rows[field]:
                tabs.append(self.label_tables[field])
                name = _(COLUMN_LABELS[field]).capitalize()
                titles.append(_("{column}: {count} to map", column=name, count=undecided)
                              if undecided else name)
        chosen = self.label_tabs.selected_index
        if list(self.label_tabs.children) != tabs:
            self.label_tabs.children = tabs
        self.label_tabs.titles = tuple(titles)
        if chosen is not None and chosen < len(tabs):
            self.label_tabs.selected_index = chosen

    def _show_labels(self, field: str) -> int:
        """Fill the table of ``field``'s labels; return how many are not mapped yet."""
        counts = self.preview.scan.labels(field).most_common()
        shown, rest = counts[:LABELS_SHOWN], counts[LABELS_SHOWN:]
        rows = self.label_rows[field]
        if [row.label for row in rows] != [label for label, _n in shown]:
            rows = self.label_rows[field] = [LabelRow(field, label) for label, _n in shown]
            for row in rows:
                row.target.observe(lambda _c, row=row: self._label_changed(row), names="value")
            more = [widgets.HTML(note(_("{count} rarer labels are not listed; they keep what "
                                        "was suggested.", count=len(rest))))] if rest else []
            self.label_tables[field].children = [LabelRow.heading(), *rows, *more] \
                if rows else []
        options = [(_("— choose —"), UNDECIDED), (_("Leave out"), LEAVE_OUT),
                   *self._choices(field)]
        decided = {**(getattr(self.proposal.earlier, f"{field}_labels")
                      if self.proposal.earlier else {}), **self._labels.get(field, {})}
        with self.quietly():
            for row, (label, count) in zip(rows, shown, strict=True):
                set_options(row.target, options)
                target = self.preview.labels[field].get(label)
                row.show(count, target if target else LEAVE_OUT if label in decided
                         else UNDECIDED)
        return sum(row.target.value == UNDECIDED for row in rows)

    def _found_html(self) -> str:
        preview, proposal = self.preview, self.proposal
        lines = [_("File: {file} ({rows} rows)", file=proposal.path.name,
                   rows=format_number(preview.scan.rows, 0))]
        if proposal.earlier:
            lines.append(_("Mapping of the earlier import '{name}' reused.",
                           name=proposal.earlier.name))
        source = preview.source
        if source.skipped:  # else the report says every row was used
            lines.append(_("{used} of {rows} rows used.", rows=format_number(source.rows, 0),
                           used=format_number(source.rows - sum(source.skipped.values()), 0)))
        lines += report.left_out(source, preview)
        return bullets(lines)

    def _per_stage_html(self, source: EvidenceSource, workshop: Workshop) -> str:
        table = measures(source, ("stage",), workshop_order(workshop))
        by_stage = {row["stage"]: row for row in table.to_dict("records")}
        headline = _(HEADLINES[source.scale.kind])
        rows = []
        for stage in workshop.stages:
            row = by_stage.get(stage.id)
            if row is None:
                rows.append((stage.name, 0, "—", "—", "—"))
                continue
            rows.append((stage.name, format_number(row["n"], 0), figure_text(row["emotion"], True),
                         _("{low} to {high}", low=figure_text(row["emotion_low"], True),
                           high=figure_text(row["emotion_high"], True)),
                         figure_text(row["headline"])))
        return html_table([_("Stage"), _("Ratings"), _("Customers' emotion (−3 to +3)"),
                           _("95% interval"), headline], rows,
                          caption=_("Per stage: ratings, emotion from −3 to +3 (95% interval), "
                                    "{headline}", headline=headline))

    def _findings_html(self, source: EvidenceSource, workshop: Workshop) -> str:
        said = findings(workshop, source)
        heading = f"<b>{html.escape(_('Findings:'))}</b>"
        return heading + (bullets(said) or note(_("Too few ratings to tell stages apart.")))

    def _charts_html(self, source: EvidenceSource, workshop: Workshop) -> str:
        stages = [(s.id, s.name) for s in workshop.stages]
        personas = {p.id: p.name for p in workshop.personas}
        pictures = []
        versus = room_versus_customers(workshop, [source])
        if not versus.empty:
            versus["persona"] = [personas.get(p) if p else None for p in versus["persona"]]
            pictures.append(picture(_("The room versus the customers"),
                                     room_versus_customers_chart(versus, stages),
                                     report.versus_room(source, workshop)))
        by_stage = measures(source, ("stage",), workshop_order(workshop))
        pictures.append(picture(_("Customers' ratings per stage"),
                                 stage_ratings_chart(by_stage, stages),
                                 report.per_stage(source, workshop)))
        if source.columns.date and any(cell.month for cell in source.cells):
            months = measures(source, ("month",))
            headline = _(HEADLINES[source.scale.kind])
            said = [_("{headline} by month:", headline=headline)] + [
                f"{row['month']}: {figure_text(row['headline'])}"
                for row in months.to_dict("records") if row["month"]]
            pictures.append(picture(_("{headline}, month by month", headline=headline),
                                     monthly_chart(months, headline,
                                                   targets(workshop, source.scale)), said))
        return "".join(pictures)

    def _show_saved(self, workshop: Workshop) -> None:
        rows = [SavedRow(source, lambda row: self.remove(row.source.id))
                for source in workshop.evidence]
        self.saved_list.children = rows or [widgets.HTML(note(_(
            "No customer data saved yet.")))]


def evidence(session: Session) -> EvidenceForm:
    """The form of step 6: a survey export read, mapped onto the map, shown and saved."""
    form = EvidenceForm(session)
    spare_the_collector()
    return form

