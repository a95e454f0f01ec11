"""The facilitator's app: every step of the workshop on one page, in one kernel.

A step bar says where the room is ("Step 3 of 8") and lets the facilitator jump to any step;
Back and Next walk through them in order. Each step shows its guidance and its form, built
the first time the step is opened and kept while the same workshop stays open, so going back
is instant and nothing typed is lost. The first step opens or creates the workshop; choosing
another one there rebuilds the other steps for it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from .. import forms, preferences
from ..forms.style import follow_mode, mode_bar, stylesheet
from ..i18n import _
from .steps import APP_STEPS, AppStep


class FacilitatorApp(widgets.VBox):
    """The app's page: header, step bar, the current step, Back and Next.

    Parts, for tests and for the page alike: :attr:`step_buttons`, :attr:`back`,
    :attr:`next`, :attr:`where` ("Step 3 of 8") and :attr:`content`; :attr:`start` is the
    first step's form (open or create a workshop, then set it up).
    """

    def __init__(self, root: str = "../workshops") -> None:
        super().__init__()
        self.add_class("journeylab-app")
        self.add_class("journeylab-page")
        self.root = root
        self.current = 0
        self.title = widgets.HTML()
        self.where = widgets.HTML()
        self.where.add_class("journeylab-where")
        self.step_buttons = [widgets.Button(layout=widgets.Layout(width="auto"))
                             for _step in APP_STEPS]
        for button, step in zip(self.step_buttons, APP_STEPS):
            button.add_class("journeylab-step")
            button.add_class(f"journeylab-step-{step.number}")
            button.on_click(lambda _b, number=step.number: self.go(number - 1))
        self.back = widgets.Button(layout=widgets.Layout(width="auto"))
        self.next = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto"))
        self.back.add_class("journeylab-back")
        self.next.add_class("journeylab-next")
        self.back.on_click(lambda _b: self.go(self.current - 1))
        self.next.on_click(lambda _b: self.go(self.current + 1))
        self.message = widgets.HTML()
        self.content = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.start = forms.start_here(self.root)
        self._pages: dict[int, widgets.Widget] = {}
        self._session = None
        bar = widgets.HBox(self.step_buttons, layout=widgets.Layout(flex_flow="row wrap"))
        bar.add_class("journeylab-stepbar")
        moves = widgets.HBox([self.back, self.where, self.next],
                             layout=widgets.Layout(align_items="center",
                                                   justify_content="space-between"))
        moves.add_class("journeylab-moves")
        self.children = [stylesheet(), mode_bar(), self.title, bar, self.message,
                         self.content, moves]
        follow_mode(self)  # room or compact, for the whole page
        self.go(0)

    @property
    def session(self):
        """The workshop open now (``None`` until one is opened or created in step 1)."""
        return getattr(self.start, "session", None)

    def go(self, index: int) -> None:
        """Show step ``index`` (0 for the first); stay where we are if it needs a workshop."""
        index = max(0, min(index, len(APP_STEPS) - 1))
        if self.session is not self._session:  # another workshop was opened in step 1
            self._session, self._pages = self.session, {}
            if self._session is not None:
                preferences.save(language=self._session.workshop.language)
        if index > 0 and self.session is None:
            self.message.value = ("<p class='journeylab-app-message' role='alert'>"
                                  + html.escape(_("Open or create a workshop first.")) + "</p>")
            index = 0
        else:
            self.message.value = ""
        self.current = index
        self.content.children = [self._page(APP_STEPS[index])]
        self._show_chrome()

    def _page(self, step: AppStep) -> widgets.Widget:
        if step.number not in self._pages:
            if step.number == 1:
                form = self.start
            else:
                form = getattr(forms, step.form_name)(self.session)
            guidance = widgets.HTML(
                "<div class='journeylab-purpose'>{}</div><details class='journeylab-guidance'>"
                "<summary>{}</summary>{}</details>".format(
                    step.purpose_html(), html.escape(_("Ask the room, and how")),
                    step.guidance_html()))
            self._pages[step.number] = widgets.VBox([guidance, form],
                                                    layout=widgets.Layout(width="100%"))
        return self._pages[step.number]

    def _show_chrome(self) -> None:
        """Header, step bar and moves in the language the room speaks now."""
        step = APP_STEPS[self.current]
        workshop = self.session.workshop.title if self.session is not None else ""
        self.title.value = "<h1 class='journeylab-app-title'>{}</h1>".format(
            html.escape(workshop or "JourneyLab"))
        for button, each in zip(self.step_buttons, APP_STEPS):
            button.description = f"{each.number} · {each.short_title()}"
            button.button_style = "primary" if each is step else ""
            button.tooltip = _(each.step.title)
        self.where.value = "<p><strong>{}</strong> · {}</p>".format(
            html.escape(_("Step {number} of {total}", number=step.number,
                          total=len(APP_STEPS))), html.escape(step.short_title()))
        self.back.description = "← " + _("Back")
        self.next.description = _("Next step") + " →"
        self.back.disabled = self.current == 0
        self.next.disabled = self.current == len(APP_STEPS) - 1
