"""From a scanned file and a confirmed mapping to the evidence the workshop keeps.

The workshop keeps rating counts per stage (and touchpoint, persona and month), the mapping,
the file's fingerprint, counts of unusable rows and of removed personal data, and redacted
words and quotes: never the file, never a respondent's id. A respondent id is kept only as a
keyed hash beside a quote, with a key that lives in the workshop folder and not in the
workshop file, so a mailed workshop cannot be matched back to people.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from ..model import (ColumnMap, EvidenceCell, EvidenceSource, ReadSettings, Scale,
                     SkipReason, StageWords)
from .redact import marks, redact_all
from .scan import Scan, month_text, today
from .words import pick_quotes, top_words

KEY_FILE = ".respondent-key"

Labels = Mapping[str, str | None]


def respondent_key(folder: Path) -> bytes:
    """The workshop folder's secret for hashing respondent ids; a new one (not yet kept)
    when the folder has none: :func:`keep_respondent_key` keeps it when evidence is saved."""
    try:
        key = bytes.fromhex((Path(folder) / KEY_FILE).read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return secrets.token_bytes(32)
    return key if len(key) == 32 else secrets.token_bytes(32)


def keep_respondent_key(folder: Path, key: bytes) -> None:
    """Keep ``key`` in the workshop folder, readable by its owner only, if it has none."""
    path = Path(folder) / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")


def respondent_hash(key: bytes, respondent: str) -> str:
    """A respondent id as 16 hex digits that say nothing without the folder's key."""
    return hmac.new(key, respondent.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _cells(scan: Scan, stages: Labels, touchpoints: Labels,
           personas: Labels) -> tuple[list[EvidenceCell], Counter]:
    merged: dict[tuple, np.ndarray] = {}
    skipped: Counter = Counter()
    for (stage, touchpoint, persona, month), counts in scan.counts.items():
        if stage not in stages:
            skipped[SkipReason.UNKNOWN_STAGE] += int(counts.sum())
            continue
        if stages[stage] is None:
            skipped[SkipReason.IGNORED_STAGE] += int(counts.sum())
            continue
        key = (stages[stage], touchpoints.get(touchpoint), personas.get(persona),
               month_text(month))
        merged[key] = merged.get(key, 0) + counts
    cells = [EvidenceCell(stage=stage, touchpoint=touchpoint, persona=persona, month=month,
                          counts=[int(n) for n in counts])
             for (stage, touchpoint, persona, month), counts in merged.items()]
    return cells, skipped


def build_source(scan: Scan, *, source_id: str, name: str, fingerprint: str,
                 settings: ReadSettings, stages: Labels, touchpoints: Labels,
                 personas: Labels, key: bytes) -> EvidenceSource:
    """The evidence of ``scan`` under the confirmed label maps, ready to save."""
    cells, skipped = _cells(scan, stages, touchpoints, personas)
    skipped.update(scan.skipped)
    quotes, words, redacted = [], [], Counter()
    said = scan.comments
    if said is not None and not said.empty:
        said = said[said["stage"].map(lambda label: stages.get(label) is not None)]
        texts, redacted = redact_all(said["text"].tolist())
        said = said.assign(text=texts, stage=said["stage"].map(stages))
        shown = marks()
        for stage, group in said.sort_values("row").groupby("stage", sort=True):
            words.append(StageWords(stage=stage, words=top_words(group["text"].tolist(),
                                                                 shown)))
            chosen = pick_quotes(stage, list(zip(group["rating"], group["text"],
                                                 strict=True)), shown)
            hashes = dict(zip(group["text"], group["respondent"], strict=True))
            for quote in chosen:
                respondent = str(hashes.get(quote.text, ""))
                quotes.append(quote.model_copy(update={
                    "respondent": respondent_hash(key, respondent) if respondent else ""}))
    return EvidenceSource(
        id=source_id, name=name, file_name=scan.path.name, fingerprint=fingerprint,
        imported=today(), settings=settings, columns=ColumnMap(**scan.columns.model_dump()),
        scale=Scale(**scan.scale.model_dump()), stage_labels=dict(stages),
        touchpoint_labels=dict(touchpoints), persona_labels=dict(personas),
        rows=scan.rows, skipped={str(reason): count for reason, count in skipped.items()
                                 if count},
        redacted={kind: count for kind, count in redacted.items() if count},
        respondents=scan.respondents, cells=cells, quotes=quotes,
        words=[w for w in words if w.words])
