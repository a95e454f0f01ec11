"""An import described in plain text: what was detected, mapped, left out and found.

The command line prints it; every line is in the current language, numbers as the language
writes them.
"""

from __future__ import annotations

import math

from ..i18n import N_, _, format_number
from ..model import SCALE_LABELS, SKIP_LABELS, EvidenceSource, SkipReason, Workshop
from .findings import findings
from .importer import LABEL_FIELDS, Preview
from .mapping import COLUMN_LABELS
from .measures import HEADLINES, measures, room_versus_customers, workshop_order
from .redact import LABELS as REDACTED_LABELS

_SEPARATOR_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab")}
_DATE_EXAMPLES = {"%d.%m.%Y": "03.11.2026", "%Y-%m-%d": "2026-11-03",
                  "%d/%m/%Y": "03/11/2026", "%m/%d/%Y": "11/03/2026", "": "—"}


def _number(value: float, digits: int = 1) -> str:
    return "—" if value is None or math.isnan(value) else format_number(value, digits, True)


def _signed(value: float) -> str:
    text = _number(value)
    if text == "—":
        return text
    return "−" + text.lstrip("-") if value < 0 and text.strip("-0.,") else "+" + text.lstrip("-")


def how_read(preview: Preview) -> list[str]:
    """What was detected, as set: file, encoding, separator, decimal mark, dates, scale."""
    settings, proposal = preview.proposal.settings, preview.proposal
    lines = [_("File: {file} ({rows} rows)", file=proposal.path.name,
               rows=preview.scan.rows)]
    if not proposal.detected.workbook:
        lines.append(_("Read as: encoding {encoding}, separator {separator}, decimal mark "
                       "'{decimal}'", encoding=settings.encoding,
                       separator=_(_SEPARATOR_NAMES[settings.separator]),
                       decimal=settings.decimal))
    if proposal.columns.date:
        lines.append(_("Dates are written like {date}",
                       date=_DATE_EXAMPLES[settings.date_format]))
    columns = proposal.columns.model_dump()
    lines.append(_("Columns: {columns}", columns="; ".join(
        f"{_(COLUMN_LABELS[field])} = {name}" for field, name in columns.items() if name)))
    scale = proposal.scale
    lines.append(_("Scale: {scale}, from {low} to {high} in steps of {step}", scale=_(
        SCALE_LABELS[scale.kind]), low=format_number(scale.low, 1),
        high=format_number(scale.high, 1), step=format_number(scale.step, 1)))
    if proposal.earlier:
        lines.append(_("Mapping of the earlier import '{name}' reused.",
                       name=proposal.earlier.name))
    return lines


def labels(preview: Preview, workshop: Workshop) -> list[str]:
    """Each label of the file and the stage, touchpoint or persona it maps to."""
    names = {"stage": {s.id: s.name for s in workshop.stages},
             "touchpoint": {t.id: t.name for t in workshop.touchpoints},
             "persona": {p.id: p.name for p in workshop.personas}}
    lines = []
    for field in LABEL_FIELDS:
        found = preview.scan.labels(field)
        if not found:
            continue
        lines.append(_("Labels of the {field} column:", field=_(COLUMN_LABELS[field])))
        for label, count in found.most_common():
            target = preview.labels[field].get(label)
            lines.append("  " + _("'{label}' ({count}) → {target}", label=label, count=count,
                                  target=names[field].get(target) if target else
                                  _("not mapped: left out")))
    return lines


def left_out(source: EvidenceSource, preview: Preview | None = None) -> list[str]:
    """Rows that could not be used, by reason with examples, and personal data removed."""
    lines = []
    if source.skipped:
        lines.append(_("{count} of {rows} rows could not be used:",
                       count=sum(source.skipped.values()), rows=source.rows))
        for reason, count in source.skipped.items():
            examples = (preview.scan.examples.get(SkipReason(reason), []) if preview else [])
            where = "; ".join(_("row {row}, column '{column}': '{value}'", row=e.row,
                                column=e.column, value=e.value) for e in examples)
            lines.append("  " + _("{count}: {reason}", count=count,
                                  reason=_(SKIP_LABELS[SkipReason(reason)]))
                         + (f" ({where})" if where else ""))
    else:
        lines.append(_("Every one of the {rows} rows was used.", rows=source.rows))
    if source.redacted:
        lines.append(_("Personal data removed from the comments kept: {removed}.", removed=", "
                       .join(f"{count} × {_(REDACTED_LABELS[kind])}"
                             for kind, count in source.redacted.items())))
    if source.respondents:
        lines.append(_("Respondents: {count}", count=source.respondents))
    return lines


def per_stage(source: EvidenceSource, workshop: Workshop) -> list[str]:
    """One line per stage: ratings, mean emotion with its interval, the headline figure."""
    names = {s.id: s.name for s in workshop.stages}
    table = measures(source, ("stage",), workshop_order(workshop))
    lines = [_("Per stage: ratings, emotion from −3 to +3 (95% interval), {headline}",
               headline=_(HEADLINES[source.scale.kind]))]
    for row in table.to_dict("records"):
        lines.append("  " + _("{stage}: n = {n}, emotion {emotion} ({low} to {high}), "
                              "{headline}", stage=names.get(row["stage"], row["stage"]),
                              n=row["n"], emotion=_signed(row["emotion"]),
                              low=_signed(row["emotion_low"]), high=_signed(row["emotion_high"]),
                              headline=_number(row["headline"])))
    return lines


def versus_room(source: EvidenceSource, workshop: Workshop) -> list[str]:
    """The room's mean emotion beside the customers', flagged where the room is rosier."""
    stages = {s.id: s.name for s in workshop.stages}
    personas = {p.id: p.name for p in workshop.personas}
    table = room_versus_customers(workshop, [source])
    if table.empty:
        return []
    lines = [_("The room versus the customers, emotion from −3 to +3:")]
    for row in table.to_dict("records"):
        who = stages[row["stage"]] + (f" · {personas[row['persona']]}" if row["persona"]
                                      else "")
        line = _("{who}: room {room}, customers {customers} (n = {n})", who=who,
                 room=_signed(row["room"]), customers=_signed(row["customers"]), n=row["n"])
        if row["optimistic"]:
            line += " ← " + _("the room is more optimistic than the customers")
        lines.append("  " + line)
    return lines


def report(preview: Preview, workshop: Workshop) -> str:
    """The whole import as text, for the command line."""
    source = preview.source
    parts = [how_read(preview), labels(preview, workshop), left_out(source, preview)]
    if source.cells:
        said = findings(workshop, source)
        parts += [per_stage(source, workshop),
                  [_("Findings:"), *("  " + line for line in said)] if said else [],
                  versus_room(source, workshop)]
    return "\n\n".join("\n".join(part) for part in parts if part)
