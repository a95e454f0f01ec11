"""The workshop's steps as the facilitator's app shows them: number, short name, guidance.

The steps and their guidance are written once, in :mod:`journeylab.guide`; the app shows the
same text as the guided notebooks, without the notebook-only parts (file names, the pointer
to the next notebook).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import mistune

from ..guide import STEPS, Step
from ..i18n import _

_render_markdown = mistune.create_markdown(escape=True, plugins=["table"])


@dataclass(frozen=True)
class AppStep:
    """One page of the app: a step of the workshop and the form that shows it."""

    number: int
    step: Step

    @property
    def form_name(self) -> str:
        """The name of the form in :mod:`journeylab.forms`, e.g. ``touchpoints``."""
        return re.search(r"forms\.(\w+)\(", self.step.form).group(1)

    def short_title(self) -> str:
        """The step's name without its "Step 2:" prefix, e.g. "Touchpoint inventory"."""
        name = _(self.step.title).split(":", 1)[-1].strip()
        return name[:1].upper() + name[1:]

    def purpose_html(self) -> str:
        """How long the step takes and what it is for, as HTML: always on the page."""
        step = self.step
        return _render_markdown(_("**Time:** {minutes}", minutes=_(step.minutes))
                                + " · " + _(step.purpose))

    def guidance_html(self) -> str:
        """What to bring, what to ask the room and how to fill the form, as HTML."""
        step = self.step
        parts = []
        if step.bring:
            parts.append(f"**{_('What to bring')}**\n\n{_(step.bring)}")
        questions = "\n".join(f"- {_(q)}" for q in step.questions)
        parts += [f"**{_('Ask the room')}**\n\n{questions}", f"**{_('How')}**\n\n{_(step.how)}"]
        return _render_markdown("\n\n".join(parts))


#: The app's pages, in workshop order; the first opens or creates the workshop.
APP_STEPS: tuple[AppStep, ...] = tuple(AppStep(n, step) for n, step in enumerate(STEPS, 1))
