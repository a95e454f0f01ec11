"""A mapping on its own as a JSON file: how to read an export and what its columns and
labels mean, written by one import and given to the next (``--write-mapping``/``--mapping``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import JourneyLabError, WorkshopFileError
from ..i18n import _
from ..model import ColumnMap, OptionalId, ReadSettings, Scale, problems_from
from ..store import write_atomically
from .importer import LABEL_FIELDS, Preview


class SavedMapping(BaseModel):
    """What a mapping file holds."""

    model_config = ConfigDict(extra="forbid")

    settings: ReadSettings | None = None
    columns: ColumnMap
    scale: Scale
    labels: dict[Literal["stage", "touchpoint", "persona"], dict[str, OptionalId]] = {}


def read_mapping(path: Path) -> SavedMapping:
    """The mapping in ``path``; errors name the file and what is wrong where."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise WorkshopFileError(path, _("there is no file here")) from None
    except UnicodeDecodeError:
        raise WorkshopFileError(path, _("the file is not UTF-8 text")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise WorkshopFileError(path, error.msg, error.lineno, error.colno) from None
    try:
        return SavedMapping.model_validate(data)
    except ValidationError as error:
        problems = "\n  ".join(str(problem) for problem in problems_from(error))
        raise JourneyLabError(_("{path} is not a valid mapping:", path=path)
                              + "\n  " + problems) from None


def write_mapping(path: Path, preview: Preview) -> None:
    """Write the mapping ``preview`` used to ``path``."""
    proposal = preview.proposal
    mapping = SavedMapping(settings=proposal.settings, columns=proposal.columns,
                           scale=proposal.scale,
                           labels={field: preview.labels[field] for field in LABEL_FIELDS})
    text = json.dumps(mapping.model_dump(mode="json"), ensure_ascii=False, indent=2)
    write_atomically(path, (text + "\n").encode("utf-8"))
