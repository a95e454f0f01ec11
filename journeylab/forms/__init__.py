"""ipywidgets forms over the model and the store: one module per workshop step.

Each guided notebook opens the workshop with :func:`current_workshop` and shows one form.
Forms are imported on first use, so a notebook loads only what it shows. In a notebook no
error ever arrives as a traceback: a missing workshop becomes a message in place of the form.
"""

from __future__ import annotations

import functools
import html
import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import set_language
from . import session
from .session import Session
from .style import shown_styled

_FORMS = {
    "start_here": "start", "setup": "setup", "open_workshop": "start",
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


def current_workshop(root: str = "../workshops",
                     language_code: str | None = None) -> Session | _NoWorkshop:
    """The workshop the guided notebooks work on, or a message saying how to open one.

    ``language_code`` is the notebook's language: messages are in it until a workshop opens,
    which then speaks its own language.
    """
    if language_code:
        set_language(language_code)
    try:
        return session.current_workshop(root)
    except JourneyLabError as error:
        return _NoWorkshop(error)


def _guarded(form: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(form)
    def show(*args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], _NoWorkshop):
            return _message(args[0].error)
        try:
            # the button under every step's form shares the toggle of the form above it
            return shown_styled(form(*args, **kwargs), toggle=form.__name__ != "handout_button")
        except JourneyLabError as error:
            return _message(error)
    return show


def _lazy(name: str) -> Callable[..., Any]:
    """The form ``name``, its module imported on first use."""
    def show(*args: Any, **kwargs: Any) -> Any:
        module = importlib.import_module(f".{_FORMS[name]}", __name__)
        return _guarded(getattr(module, name))(*args, **kwargs)
    show.__name__ = show.__qualname__ = name
    return show


class _Forms(types.ModuleType):
    """This package, whose forms are never hidden by their modules.

    Importing ``journeylab.forms.touchpoints`` (from anywhere) would put the module under
    the package's attribute ``touchpoints``, over the form of that name, and a notebook's
    ``forms.touchpoints(workshop)`` would then fail. The module stays in ``sys.modules``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FORMS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


for _name in _FORMS:
    globals()[_name] = _lazy(_name)
sys.modules[__name__].__class__ = _Forms
