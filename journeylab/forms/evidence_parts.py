"""The pieces the evidence step is built from: a row per file label, a row per saved
export, and the small HTML the step's results are written in."""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import ipywidgets as widgets

from ..i18n import _, format_date, format_number
from ..model import EvidenceSource, Scale, ScaleKind, Workshop, validate_workshop
from .fields import FieldRow, FieldSpec
from .parts import note
from .show import figure_png

#: The value of a label's menu while nobody has chosen where it goes.
UNDECIDED = "?"
#: The value of a label's menu that leaves the label out on purpose.
LEAVE_OUT = ""
MUTED = "color:#555555"
REQUIRED_COLUMNS = ("stage", "rating")


def bullets(lines: Sequence[str]) -> str:
    """Lines as a list; a line indented by two spaces is a detail of the one above it."""
    items = "".join(f"<li class='journeylab-detail'>{html.escape(line.strip())}</li>"
                    if line.startswith("  ") else f"<li>{html.escape(line)}</li>"
                    for line in lines)
    return f"<ul>{items}</ul>" if items else ""


def figure_text(value: float, sign: bool = False) -> str:
    """``+1,2``, ``−46,1``, ``—``: a figure with one decimal and a true minus sign, as the
    language writes it; ``sign`` also marks a positive one (emotion runs from −3 to +3)."""
    if value is None or math.isnan(value):
        return "—"
    text = format_number(abs(value), 1, fixed=True)
    if text.strip("0.,") == "":
        return text
    return ("−" if value < 0 else "+" if sign else "") + text


def picture(title: str, figure, said: Sequence[str]) -> str:
    """A chart under its title, with its figures (``said``, one line each) as its text."""
    data = base64.b64encode(figure_png(figure)).decode("ascii")
    alt = " ".join(said[:1]) + " " + "; ".join(line.strip() for line in said[1:])
    return (f"<h4 style='margin:1em 0 .2em'>{html.escape(title)}</h4>"
            f"<div class='journeylab-chart'><img src='data:image/png;base64,{data}' "
            f"alt='{html.escape(alt, quote=True)}'></div>")


def workbook_sheets(path: Path) -> list[str]:
    """The sheet names of a workbook (none when it cannot be opened: reading says why)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError):
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def targets(workshop: Workshop, scale: Scale) -> list[tuple[str, float]]:
    """Targets of the action plan for the scale's headline figure: a KPI that names the scale
    (CSAT, NPS, CES) and whose unit fits the figure (a percentage for CSAT)."""
    if scale.kind == ScaleKind.CUSTOM:
        return []
    named = re.compile(rf"\b{scale.kind.value}\b", re.IGNORECASE)
    percent = scale.kind == ScaleKind.CSAT
    return [(action.title, action.target) for action in workshop.actions
            if action.target is not None and named.search(action.kpi)
            and ("%" in action.unit) == percent]


def menu_row(workshop: Workshop, name: str, label: str,
            values: dict[str, str] | None = None) -> FieldRow:
    """A menu row; ``values`` maps each value to the words shown for it (none: filled later)."""
    def options(_workshop: Workshop) -> list[tuple[str, str]]:
        return [(_(shown), value) for value, shown in (values or {}).items()]

    row = FieldRow(FieldSpec(name, label, "choice", required=name in REQUIRED_COLUMNS,
                             options=options), workshop)
    row.add_class(f"journeylab-evidence-{name}")
    row.label.layout.width = row.label.layout.min_width = "11em"
    row.message.layout.width, row.message.layout.min_width = "auto", "0"
    return row


def grid(rows: Sequence[widgets.Widget]) -> widgets.GridBox:
    return widgets.GridBox(list(rows), layout=widgets.Layout(
        grid_template_columns="repeat(auto-fill, minmax(30em, 1fr))", grid_gap="0 2em",
        width="100%"))


LABEL_COLUMNS = ("18em", "6em", "24em")  # the file's label, its ratings, the menu


def cell(width: str, value: str = "") -> widgets.HTML:
    return widgets.HTML(value, layout=widgets.Layout(width=width, flex="none"))


class LabelRow(widgets.HBox):
    """One label of the file: its ratings, and the stage (touchpoint, persona) it maps to."""

    def __init__(self, field: str, label: str) -> None:
        self.field, self.label = field, label
        self.name = cell(LABEL_COLUMNS[0], "<span class='journeylab-label-name'>"
                                             f"{html.escape(label)}</span>")
        self.count = cell(LABEL_COLUMNS[1])
        self.target = widgets.Dropdown(layout=widgets.Layout(width=LABEL_COLUMNS[2],
                                                             flex="none"))
        self.flag = widgets.HTML(layout=widgets.Layout(flex="1", margin="0 0 0 .6em"))
        super().__init__([self.name, self.count, self.target, self.flag],
                         layout=widgets.Layout(align_items="center", width="100%"))
        self.add_class("journeylab-label-row")

    @staticmethod
    def heading() -> widgets.HBox:
        """The names of the columns, over the rows."""
        names = (_("Label in the file"), _("Ratings"), _("On the map"))
        return widgets.HBox([cell(width, f"<b>{html.escape(name)}</b>")
                             for width, name in zip(LABEL_COLUMNS, names, strict=True)],
                            layout=widgets.Layout(border_bottom="2px solid #888888"))

    def show(self, count: int, target: str) -> None:
        """Show ``count`` ratings and ``target`` chosen; an undecided label stands out."""
        self.count.value = html.escape(format_number(count, 0))
        self.target.value = target
        undecided = target == UNDECIDED
        self.flag.value = note(_("⚑ not mapped yet: choose where it goes")) if undecided else ""
        if undecided:
            self.add_class("journeylab-unmapped")
        else:
            self.remove_class("journeylab-unmapped")


class SavedRow(widgets.HBox):
    """One import kept in the workshop, with the button that removes it."""

    def __init__(self, source: EvidenceSource, on_remove: Callable[[SavedRow], None]) -> None:
        self.source = source
        imported = _("{date}, {time}", date=format_date(source.imported.date()),
                     time=source.imported.strftime("%H:%M"))
        facts = {"imported": imported, "rows": format_number(source.rows, 0),
                 "fingerprint": source.fingerprint[:12], "file": source.file_name}
        details = _("file {file} · imported {imported} · {rows} rows · fingerprint "
                    "{fingerprint}", **facts) if source.file_name not in ("", source.name) \
            else _("imported {imported} · {rows} rows · fingerprint {fingerprint}", **facts)
        self.text = widgets.HTML(f"<b>{html.escape(source.name)}</b> "
                                 f"<span style='{MUTED}'>· {html.escape(details)}</span>",
                                 layout=widgets.Layout(flex="1"))
        self.remove = widgets.Button(description=_("Remove"), icon="trash",
                                     tooltip=_("Take this customer data out of the workshop"),
                                     layout=widgets.Layout(width="auto", flex="none"))
        self.remove.on_click(lambda _b: self._remove_clicked(on_remove))
        super().__init__([self.text, self.remove], layout=widgets.Layout(
            align_items="center", width="100%", border_bottom="1px solid #e0e0e0"))
        self.add_class("journeylab-saved-evidence")

    def _remove_clicked(self, on_remove: Callable[[SavedRow], None]) -> None:
        """The first click asks to confirm, the second removes."""
        if self.remove.button_style != "danger":
            self.remove.description, self.remove.button_style = _("Confirm remove"), "danger"
            return
        on_remove(self)


def without(source_id: str) -> Callable[[Workshop], Workshop]:
    def change(workshop: Workshop) -> Workshop:
        data = workshop.model_dump()
        data["evidence"] = [s for s in data["evidence"] if s["id"] != source_id]
        return validate_workshop(data)
    return change
