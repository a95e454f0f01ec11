"""ipywidgets forms over the model and the store: one module per workshop step.

Each guided notebook calls one of these with the session from :func:`current_workshop`.
Forms are imported on first use, so a notebook loads only what it shows.
"""

from __future__ import annotations

import importlib
from typing import Any

from .base import Session, current_workshop

_FORMS = {
    "start_here": "setup", "setup": "setup", "open_workshop": "start",
    "touchpoints": "touchpoints", "personas": "personas", "stage_mapping": "mapping",
    "emotion_scoring": "emotions", "insights_actions": "insights",
}

__all__ = ["Session", "current_workshop", *_FORMS]


def __getattr__(name: str) -> Any:
    if name in _FORMS:
        return getattr(importlib.import_module(f".{_FORMS[name]}", __name__), name)
    raise AttributeError(name)
