"""The last step: one click writes the handout everyone takes home."""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import LANGUAGES, _, format_number
from .parts import note, spare_the_collector
from .session import Session


def handout_path(session: Session) -> Path:
    """Where the handout of the open workshop goes: ``handouts/<workshop folder>.html``."""
    folder = session.file.path.parent
    return folder.parent.parent / "handouts" / f"{folder.name}.html"


class HandoutButton(widgets.VBox):
    """Language, persona, and a button that writes the handout and says where it is."""

    def __init__(self, session: Session, compact: bool = False) -> None:
        self.session = session
        workshop = session.workshop
        self.language = widgets.Dropdown(
            options=[(name, code) for code, name in LANGUAGES.items()],
            value=workshop.language, description=_("Language"))
        self.persona = widgets.Dropdown(
            options=[(_("All personas"), "")] + [(p.name, p.id) for p in workshop.personas],
            description=_("Persona"))
        self.make = widgets.Button(description=_("Make the handout"), icon="file-text",
                                   button_style="primary", layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.make.on_click(lambda _button: self.write())
        choices = [] if compact else [widgets.HBox([self.language, self.persona])]
        super().__init__([*choices, self.make, self.message])
        self.add_class("journeylab-handout")

    def write(self) -> Path | None:
        """Write the handout now; show where it went, or why it could not be written."""
        out = handout_path(self.session)
        started = time.perf_counter()
        self.message.value = note(_("Writing the handout…"))
        try:
            from ..handout.export import export_handout

            written = export_handout(self.session.workshop, out, language=self.language.value,
                                     persona=self.persona.value or None)
        except (JourneyLabError, OSError) as error:
            self.message.value = note(str(error), error=True)
            return None
        seconds = format_number(time.perf_counter() - started, 1, fixed=True)
        # a link from the notebook's folder, which is where the kernel runs
        link = html.escape(Path(os.path.relpath(written.resolve(), Path.cwd())).as_posix())
        self.message.value = (
            note(_("Handout written in {seconds} s: {path}. Send this one file; it opens "
                   "in any browser, offline.", seconds=seconds, path=written))
            + f" <a href='{link}' target='_blank' rel='noopener'>{html.escape(_('Open'))}</a>")
        return written


def handout(session: Session) -> HandoutButton:
    """The ``07_handout`` form: choose language and persona, then write the handout."""
    form = HandoutButton(session)
    spare_the_collector()
    return form


def handout_button(session: Session) -> HandoutButton:
    """The button at the end of every step: the handout as the map stands now."""
    return HandoutButton(session, compact=True)
