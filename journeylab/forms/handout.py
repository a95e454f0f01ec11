"""The last step: the handout everyone takes home, in one click.

Inside JourneyLab's server (the facilitator's app, or JupyterLab started by
``journeylab start``) the step offers the handout as downloads: "Download HTML" and
"Download PDF" save one file in the browser's downloads, made from the workshop as saved.
Elsewhere (a plain Jupyter, a test) a button writes ``handouts/<workshop folder>.html``
beside the workshops.
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..handout.links import download_address
from ..handout.pdf import find_chromium
from ..i18n import LANGUAGES, _, format_number
from .parts import note, spare_the_collector
from .session import Session

# a link that looks like a big button: a facilitator clicks it in front of the room
_DOWNLOAD_STYLE = ("display:inline-block;margin:.3em .8em .3em 0;padding:.6em 1.4em;"
                   "font-size:1.15em;font-weight:600;line-height:1.3;border-radius:4px;"
                   "background:#1565c0;color:#ffffff;text-decoration:none")
_HINT_STYLE = "color:#555555;margin:.3em 0;line-height:1.4"


def handout_path(session: Session) -> Path:
    """Where the handout of the open workshop goes: ``handouts/<workshop folder>.html``."""
    folder = session.file.path.parent
    return folder.parent.parent / "handouts" / f"{folder.name}.html"


def _download_link(address: str, words: str, kind: str) -> str:
    return (f"<a class='journeylab-download journeylab-download-{kind}' "
            f"href='{html.escape(address, quote=True)}' download "
            f"style='{_DOWNLOAD_STYLE}'>⬇ {html.escape(words)}</a>")


class HandoutButton(widgets.VBox):
    """Language, persona, and the handout: as downloads inside JourneyLab's server, else a
    button that writes it beside the workshops and says so.

    :attr:`downloads` holds the links (empty outside the server); :attr:`make` is the button,
    shown only where there are no downloads.
    """

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
        self.downloads = widgets.HTML()
        self.downloads.add_class("journeylab-downloads")
        self.message = widgets.HTML()
        self.make.on_click(lambda _button: self.write())
        for menu in (self.language, self.persona):
            menu.observe(lambda _change: self._show_downloads(), names="value")
        self._show_downloads()
        action = self.downloads if self.downloads.value else self.make
        choices = [] if compact else [widgets.HBox(
            [self.language, self.persona], layout=widgets.Layout(flex_flow="row wrap"))]
        super().__init__([*choices, action, self.message])
        self.add_class("journeylab-handout")

    def _show_downloads(self) -> None:
        """Point the links at the handout in the language and for the persona chosen."""
        def address(kind: str) -> str | None:
            return download_address(self.session.file.path.parent, kind, self.language.value,
                                    self.persona.value or None)

        page = address("html")
        if page is None:
            self.downloads.value = ""
            return
        links = [_download_link(page, _("Download HTML"), "html")]
        if find_chromium() is not None:
            links.append(_download_link(address("pdf"), _("Download PDF"), "pdf"))
            hint = _("One file for everyone: the HTML opens in any browser, offline; the PDF "
                     "is for printing.")
        else:
            hint = _("One file for everyone: it opens in any browser, offline. A PDF cannot "
                     "be made here: Chromium is not installed on this computer. Download the "
                     "HTML, open it and print it from the browser.")
        self.downloads.value = (f"<div>{''.join(links)}</div>"
                                f"<p style='{_HINT_STYLE}'>{html.escape(hint)}</p>")

    def write(self) -> Path | None:
        """Write the handout now; say it is ready, or why it could not be written."""
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
            note(_("The handout is ready (made in {seconds} s). It is one file: send it to "
                   "everyone; it opens in any browser, offline.", seconds=seconds))
            + f" <a href='{link}' target='_blank' rel='noopener'>{html.escape(_('Open'))}</a>")
        return written


def handout(session: Session) -> HandoutButton:
    """The ``07_handout`` form: choose language and persona, then take the handout."""
    form = HandoutButton(session)
    spare_the_collector()
    return form


def handout_button(session: Session) -> HandoutButton:
    """The handout at the end of every step: as the map stands now, in its language."""
    return HandoutButton(session, compact=True)
