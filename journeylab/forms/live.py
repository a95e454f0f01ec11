"""A form that follows the open workshop: it shows the workshop again after every change.

While a form shows the workshop it sets its own menus, inputs and tick boxes, and each of
them calls the observer that saves what the facilitator changes. Inside
:meth:`Quiet.quietly` those observers stand aside, so what the form sets is never saved
back as if someone had typed it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import ipywidgets as widgets

from ..model import Workshop
from .session import Session


class Quiet:
    """A part that sets its own widgets and tells that apart from what the facilitator does.

    Its observers start with ``if self.quiet: return``.
    """

    #: True while the part sets its own widgets.
    quiet = False

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Inside this block, widgets set are shown, not saved."""
        was, self.quiet = self.quiet, True
        try:
            yield
        finally:
            self.quiet = was


class LiveForm(Quiet, widgets.VBox):
    """A form over ``session``: :meth:`refresh` shows the workshop after every saved change.

    A subclass draws in :meth:`refresh` what a change may have touched, setting widgets
    inside :meth:`quietly`, and calls ``self.refresh(session.workshop)`` once it is built.
    """

    def __init__(self, session: Session, children: Sequence[widgets.Widget] = (),
                 **kwargs: Any) -> None:
        self.session = session
        super().__init__(list(children), **kwargs)
        session.on_change(self.refresh)

    def refresh(self, workshop: Workshop) -> None:
        """Show ``workshop``, as saved or reloaded just now."""
        raise NotImplementedError
