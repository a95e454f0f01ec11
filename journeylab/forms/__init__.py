"""ipywidgets forms over the model and the store: one module per workshop step.

Each guided notebook opens the workshop with :func:`current_workshop` and shows one form.
Forms are imported on first use, so a notebook loads only what it shows. In a notebook no
error ever arrives as a traceback: a missing workshop becomes a message in place of the form.
"""

from __future__ import annotations

import functools
import html
import importlib
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..errors import JourneyLabError
from . import base
from .base import Session

_FORMS = {
    "start_here": "setup", "setup": "setup", "open_workshop": "start",
    "touchpoints": "touchpoints", "personas": "personas", "stage_mapping": "mapping",
    "emotion_scoring": "emotions", "evidence": "evidence", "insights_actions": "insights",
    "handout": "handout", "handout_button": "handout",
}

__all__ = ["Session", "current_workshop", *_FORMS]


def _message(error: JourneyLabError) -> widgets.HTML:
    return widgets.HTML(f"<div role='alert' style='color:#b00020'>⚠ "
                        f"{html.escape(str(error))}</div>")


class _NoWorkshop:
    """Stands in for a session when no workshop could be opened; shows why."""

    def __init__(self, error: JourneyLabError) -> None:
        self.error = error

    def _repr_html_(self) -> str:
        return _message(self.error).value


def current_workshop(root: str = "../workshops") -> Session | _NoWorkshop:
    """The workshop the guided notebooks work on, or a message saying how to open one."""
    try:
        return base.current_workshop(root)
    except JourneyLabError as error:
        return _NoWorkshop(error)


def _guarded(form: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(form)
    def show(*args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], _NoWorkshop):
            return _message(args[0].error)
        try:
            return form(*args, **kwargs)
        except JourneyLabError as error:
            return _message(error)
    return show


def __getattr__(name: str) -> Any:
    if name in _FORMS:
        module = importlib.import_module(f".{_FORMS[name]}", __name__)
        # importing a module puts it under its own name, over a form of that name (evidence,
        # handout): the module's forms are kept instead, so running a cell again still works
        for form, where in _FORMS.items():
            if where == _FORMS[name]:
                globals()[form] = _guarded(getattr(module, form))
        return globals()[name]
    raise AttributeError(name)
