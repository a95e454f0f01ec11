"""Importing an export, step by step as the form and the command line show it.

:func:`propose` detects how the file is written and suggests columns and a scale, reusing
the mapping of an earlier import with the same columns; :func:`preview` reads the file once
and builds the evidence under the label maps (suggested where not given); :func:`save`
puts it in the workshop and raises the evidence level of the cards the data now backs.
Nothing is written to the workshop before :func:`save`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import JourneyLabError
from ..i18n import _
from ..model import (ColumnMap, Evidence, EvidenceSource, Lane, ReadSettings, Scale, Workshop,
                     make_id, validate_workshop)
from .mapping import suggest_columns, suggest_labels, suggest_scale
from .measures import samples
from .read import Detected, Progress, date_format, detect
from .scan import Scan, scan
from .source import build_source

LABEL_FIELDS = ("stage", "touchpoint", "persona")
#: Ratings a stage needs before its cards count as backed by customer data.
BACKED_FROM = 30


@dataclass(frozen=True)
class Proposal:
    """How a file is written and what its columns hold, as detected and suggested."""

    path: Path
    detected: Detected
    settings: ReadSettings
    columns: ColumnMap
    scale: Scale
    #: An import with the same columns whose mapping is reused, and which the new evidence
    #: replaces; after saving, set it to the saved source so saving again replaces that.
    earlier: EvidenceSource | None = None

    def with_changes(self, **changes) -> Proposal:
        """The proposal with ``settings``, ``columns`` or ``scale`` replaced."""
        return dataclasses.replace(self, **changes)


@dataclass
class Preview:
    """A file read under a mapping: the evidence it gives and what is left to map."""

    proposal: Proposal
    scan: Scan
    labels: dict[str, dict[str, str | None]]
    source: EvidenceSource

    def unmapped(self, field: str) -> list[str]:
        """Labels of ``field`` in the file that map to nothing, most used first."""
        return [label for label, _count in self.scan.labels(field).most_common()
                if self.labels[field].get(label) is None]


def _earlier(workshop: Workshop, header: list[str]) -> EvidenceSource | None:
    """The latest import whose mapped columns are all in ``header``."""
    for source in reversed(workshop.evidence):
        named = [name for name in source.columns.model_dump().values() if name]
        if named and all(name in header for name in named):
            return source
    return None


def propose(workshop: Workshop, path: str | Path,
            settings: ReadSettings | None = None) -> Proposal:
    """Detect how ``path`` is written and suggest its columns and scale."""
    path = Path(path)
    detected = detect(path, settings)
    earlier = _earlier(workshop, detected.header)
    chosen = detected.settings
    columns = earlier.columns if earlier else suggest_columns(detected.header)
    if columns.date and not chosen.date_format:
        where = detected.header.index(columns.date)
        chosen = chosen.model_copy(update={"date_format": date_format(
            [row[where] for row in detected.sample if len(row) > where]) or "%d.%m.%Y"})
    if earlier:
        scale = earlier.scale
    elif columns.rating:
        where = detected.header.index(columns.rating)
        scale = suggest_scale(columns.rating, [row[where] for row in detected.sample
                                               if len(row) > where], chosen.decimal)
    else:
        scale = Scale()
    return Proposal(path, detected, chosen, columns, scale, earlier)


def _choices(workshop: Workshop, field: str) -> list[tuple[str, str]]:
    items = {"stage": workshop.stages, "touchpoint": workshop.touchpoints,
             "persona": workshop.personas}[field]
    return [(item.id, item.name) for item in items]


def preview(workshop: Workshop, proposal: Proposal, key: bytes,
            labels: Mapping[str, Mapping[str, str | None]] | None = None,
            progress: Progress | None = None, found: Scan | None = None) -> Preview:
    """Read the file of ``proposal`` (or reuse ``found``, a scan of it with the same
    columns and scale) and build its evidence under ``labels``: for each of stage,
    touchpoint and persona, the file's label → workshop id, ``None`` to leave it out.
    Labels not given are suggested; an earlier import's choices are kept."""
    if found is None:
        found = scan(proposal.path, proposal.settings, proposal.columns, proposal.scale,
                     progress)
    chosen: dict[str, dict[str, str | None]] = {}
    decided: dict[str, dict[str, str | None]] = {}
    for field in LABEL_FIELDS:
        earlier = (getattr(proposal.earlier, f"{field}_labels") if proposal.earlier else {})
        decided[field] = {**earlier, **(labels or {}).get(field, {})}
        chosen[field] = suggest_labels(found.labels(field), _choices(workshop, field),
                                       decided[field])
    source_id = proposal.earlier.id if proposal.earlier else make_id(
        proposal.path.stem, [s.id for s in workshop.evidence])
    name = proposal.earlier.name if proposal.earlier else proposal.path.name
    source = build_source(found, source_id=source_id, name=name,
                          fingerprint=found.fingerprint, settings=proposal.settings,
                          stages=_known(chosen["stage"], decided["stage"]),
                          touchpoints=chosen["touchpoint"],
                          personas=chosen["persona"], key=key)
    return Preview(proposal, found, chosen, source)


def _known(labels: dict[str, str | None],
           decided: Mapping[str, str | None]) -> dict[str, str | None]:
    """Stage labels with a choice: a label no stage was suggested for and nobody decided on
    is not yet mapped, so its rows are reported as unknown, not as deliberately left out."""
    return {label: target for label, target in labels.items()
            if target is not None or label in decided}


def save(workshop: Workshop, source: EvidenceSource) -> tuple[Workshop, int]:
    """``workshop`` with ``source`` in place of an earlier import with its id, and the
    evidence level of the cards it backs raised; also how many cards were raised.

    A stage with at least :data:`BACKED_FROM` ratings backs its ``feelings`` cards (the
    ratings measure how customers feel there) and, where customers rate it below neutral,
    its ``pain_points`` cards. Only assumptions and the room's own view are raised to
    ``survey``; interviews and analytics stay as they are.
    """
    if not source.cells:
        raise JourneyLabError(_("Nothing to save: no row of {file} could be used; map its "
                                "stage labels first", file=source.file_name or source.name))
    kept = [s for s in workshop.evidence if s.id != source.id]
    overall = samples(source, ("stage",))
    per_persona = samples(source, ("stage", "persona"))
    raised = 0
    cells = []
    for cell in workshop.journey:
        sample = per_persona.get((cell.stage, cell.persona))
        if sample is None or sample.n < BACKED_FROM:
            sample = overall.get((cell.stage,))
        if sample is None or sample.n < BACKED_FROM:
            cells.append(cell)
            continue
        lanes = [Lane.FEELINGS]
        if source.scale.emotion(sample.mean) < 0:
            lanes.append(Lane.PAIN_POINTS)
        changes = {}
        for lane in lanes:
            cards = getattr(cell, lane.value)
            weak = [card.evidence in (Evidence.ASSUMPTION, Evidence.WORKSHOP) for card in cards]
            raised += sum(weak)
            changes[lane.value] = [card.model_copy(update={"evidence": Evidence.SURVEY})
                                   if is_weak else card for card, is_weak in zip(cards, weak,
                                                                                 strict=True)]
        cells.append(cell.model_copy(update=changes))
    updated = workshop.model_copy(update={"evidence": [*kept, source], "journey": cells})
    return validate_workshop(updated.model_dump()), raised
