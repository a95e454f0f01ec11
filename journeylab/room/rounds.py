"""A round of the live room: what the phones are asked, written by the facilitator's kernel.

The kernel replaces ``round.json`` whenever the facilitator opens, closes, reveals or
times a round; the room server only reads it. No tornado and no widgets here, so both sides
share the one definition.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError

from ..i18n import check_language
from .places import ROUND_FILE, write_json


class RoundItem(BaseModel):
    """One thing to answer: a stage (emotions), an insight (votes), or a participant's name."""

    id: str
    label: str
    detail: str = ""


class Round(BaseModel):
    """The question the room answers now, and how it may answer."""

    id: str
    kind: Literal["emotions", "votes"]
    question: str
    language: Annotated[str, AfterValidator(check_language)]
    items: list[RoundItem]
    dots: int = Field(default=3, ge=1, le=10)
    anonymous: bool = True
    participants: list[RoundItem] = []
    state: Literal["open", "closed"] = "open"
    reveal: bool = False
    ends_at: float | None = None
    opened_at: float
    persona: str = ""


def new_round_id() -> str:
    """A fresh random round id."""
    return secrets.token_urlsafe(8)


def write_round(folder: Path, round: Round) -> None:
    """Replace the room's round in ``folder`` in one step (the server never sees half)."""
    write_json(folder / ROUND_FILE, round.model_dump(mode="json"))


def read_round(folder: Path) -> Round | None:
    """The room's round in ``folder``; ``None`` if there is none or it cannot be read."""
    try:
        return Round.model_validate(json.loads((folder / ROUND_FILE).read_bytes()))
    except (OSError, ValueError, ValidationError):
        return None
