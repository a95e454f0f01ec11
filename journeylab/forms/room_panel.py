"""A round for the room: participants answer on their own phones, the form shows it live.

The facilitator opens a round from the emotion-scoring or the dot-voting form. The panel
starts the workshop's room server (a process of its own), writes the round for it, and shows
how to join: a QR code, the address and a room code, big enough for the back of the room.
While the round is open it reads the room's answers a few times a second and hands the form
the workshop *as it would be* with them (:meth:`RoomPanel.preview`), so the curve or the dots
move as the phones answer. Closing the round writes the answers into the workshop through the
normal save; a closed round can be reopened, and closing it again replaces what it wrote.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import _
from ..model import Workshop
from ..room import control
from ..room.ballots import answers_from, names_from, read_ballots
from ..room.outcome import (
    Written,
    answering,
    emotion_change,
    vote_change,
)
from ..room.places import BALLOT_FILE, room_folder, write_json
from ..room.rounds import Round, RoundItem, new_round_id, read_round, write_round
from .parts import note
from .session import SaveMark, Session
from .ticker import Ticker

Kind = Literal["emotions", "votes"]
WRITTEN_FILE = "written.json"
#: How often the panel looks for new answers: a tap shows on the projector within a second.
LOOK_SECONDS = 0.2
TIMER_CHOICES = (0, 1, 2, 3, 5, 10)
_CSS = (
    "<style>.journeylab-room-card {display:flex;flex-wrap:wrap;gap:1.5em;align-items:center;"
    "padding:.8em;border:2px solid #1f4e79;border-radius:8px;margin:.5em 0}"
    ".journeylab-room-card img {width:220px;height:220px;background:#fff}"
    ".journeylab-room-address {font-size:150%;font-weight:bold;overflow-wrap:anywhere}"
    ".journeylab-room-code {font-size:220%;font-weight:bold;letter-spacing:.08em}"
    ".journeylab-room-answers {font-size:130%;font-weight:bold}</style>")


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI, for an ``<img>``."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _spaced(code: str) -> str:
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


class RoomPanel(widgets.VBox):
    """Open, follow and close a round of ``kind`` over ``session``'s workshop.

    The form tells the panel what to ask: ``question()``, the ``items(workshop)`` to answer
    on, the ``persona()`` scored and the ``dots()`` each device has; ``on_answers()`` is
    called whenever :meth:`preview` changed, to redraw.
    """

    def __init__(self, session: Session, kind: Kind, question: Callable[[], str],
                 items: Callable[[Workshop], list[RoundItem]], persona: Callable[[], str],
                 dots: Callable[[], int], on_answers: Callable[[], None]) -> None:
        self.session, self.kind = session, kind
        self._question, self._items, self._persona, self._dots = question, items, persona, dots
        self._on_answers = on_answers
        self.round: Round | None = None
        self.server: control.RoomServer | None = None
        self._ballots: list[dict] = []
        self._offset = 0
        self._seen = 0  # ballots drawn so far
        self._before: Written | None = None  # what the round wrote when it last closed
        self._ticker = Ticker(LOOK_SECONDS, self.tick)

        self.anonymous = widgets.Checkbox(value=True, indent=False,
                                          description=_("Anonymous: no names are asked"))
        self.network = widgets.Checkbox(value=False, indent=False, description=_(
            "Open to the local network (phones on the same Wi-Fi)"))
        self.timer = widgets.Dropdown(
            options=[(_("No timer"), 0)] + [(_("{minutes} min", minutes=m), m)
                                             for m in TIMER_CHOICES if m],
            value=0, description=_("Timer"), layout=widgets.Layout(width="16em"))
        self.open_button = widgets.Button(description=_("Open the round"), icon="mobile",
                                          button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.settings = widgets.VBox([self.anonymous, self.network, self.timer,
                                      self.open_button])
        self.join = widgets.HTML()
        self.live = widgets.HTML()
        self.reveal_button = widgets.Button(layout=widgets.Layout(width="auto"), icon="eye")
        self.close_button = widgets.Button(description=_("Close the round and save"),
                                           icon="check", button_style="success",
                                           layout=widgets.Layout(width="auto"))
        self.reopen_button = widgets.Button(description=_("Reopen the round"), icon="undo",
                                            layout=widgets.Layout(width="auto"))
        self.new_button = widgets.Button(description=_("New round"), icon="plus",
                                         layout=widgets.Layout(width="auto"))
        self.controls = widgets.HBox([self.reveal_button, self.close_button,
                                      self.reopen_button, self.new_button],
                                     layout=widgets.Layout(flex_flow="row wrap"))
        self.mark = SaveMark()
        for part, name in ((self.open_button, "open"), (self.close_button, "close"),
                           (self.reopen_button, "reopen"), (self.new_button, "new"),
                           (self.reveal_button, "reveal"), (self.anonymous, "anonymous"),
                           (self.network, "network"), (self.timer, "timer"),
                           (self.join, "join"), (self.live, "live")):
            part.add_class(f"journeylab-room-{name}")
        self.open_button.on_click(lambda _b: self.open_round())
        self.close_button.on_click(lambda _b: self.close_round())
        self.reopen_button.on_click(lambda _b: self.reopen_round())
        self.new_button.on_click(lambda _b: self.new_round())
        self.reveal_button.on_click(lambda _b: self.set_reveal(not self.round.reveal))
        heading = html.escape(_("Ask the room on their phones"))
        super().__init__([widgets.HTML(f"{_CSS}<h3>📱 {heading}</h3>"), self.settings,
                          self.join, self.live, self.controls, self.mark])
        self.add_class("journeylab-room")
        self._resume()

    @property
    def is_open(self) -> bool:
        """Whether a round is taking answers now."""
        return self.round is not None and self.round.state == "open"

    # -- where the round lives ---------------------------------------------------------------
    @property
    def workshop_folder(self) -> Path:
        return self.session.file.path.parent

    @functools.cached_property
    def folder(self) -> Path:
        """The workshop's room folder (made once: the panel looks into it five times a
        second)."""
        return room_folder(self.workshop_folder)

    def _written(self) -> dict[str, dict]:
        try:
            data = json.loads((self.folder / WRITTEN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _remember_written(self, written: Written) -> None:
        data = self._written()
        data[self.round.id] = written.to_json()
        write_json(self.folder / WRITTEN_FILE, data)
        self._before = written

    def _written_before(self) -> Written:
        """What this round wrote when it last closed: read once per round, then kept."""
        if self._before is None:
            self._before = Written.from_json(self._written().get(self.round.id, {}))
        return self._before

    # -- what the facilitator does -----------------------------------------------------------
    def open_round(self) -> None:
        """Start the room server if needed and open a new round of this panel's kind."""
        other = read_round(self.folder)
        if other is not None and other.state == "open" and other.kind != self.kind:
            self.mark.refused(_("A round of the other step is still open: close it there "
                                "first, so its answers are saved."))
            return
        workshop = self.session.workshop
        items = self._items(workshop)
        if not items:
            self.mark.refused(_("There is nothing to ask about yet."))
            return
        try:
            self.server = control.start(self.workshop_folder, lan=self.network.value)
        except JourneyLabError as error:
            self.mark.refused(str(error))
            return
        minutes = self.timer.value
        self.round = Round(
            id=new_round_id(), kind=self.kind, question=self._question(),
            language=workshop.language, items=items, dots=min(10, max(1, self._dots())),
            anonymous=self.anonymous.value,
            participants=[RoundItem(id=p.id, label=p.name) for p in workshop.participants],
            opened_at=time.time(), persona=self._persona() if self.kind == "emotions" else "",
            ends_at=time.time() + 60 * minutes if minutes else None)
        self._ballots, self._offset, self._seen = [], 0, 0
        self._before = None
        write_round(self.folder, self.round)
        self.mark.clear()
        self._show()
        self._ticker.start()
        self._on_answers()

    def set_reveal(self, reveal: bool) -> None:
        """Show the results on the participants' phones, or hide them again."""
        self.round = self.round.model_copy(update={"reveal": reveal})
        write_round(self.folder, self.round)
        self._show()

    def close_round(self) -> None:
        """Stop taking answers and write them into the workshop."""
        if self.round is None:
            return
        if self.round.state == "open":
            self.round = self.round.model_copy(update={"state": "closed"})
            write_round(self.folder, self.round)
        self._ticker.stop()
        self.tick()  # the last answers the server took before it saw the round close
        change, written = self._change()
        count = answering(self.answers())
        problems = self.session.apply(change, beside=self.mark, what=_(
            "Round closed and its answers saved in the workshop. People who answered: "
            "{count}.", count=count))
        if not problems:
            self._remember_written(written)
        self._show()
        self._on_answers()

    def reopen_round(self) -> None:
        """Take answers again in the round just closed (closing replaces what it wrote)."""
        if self.round is None:
            return
        self.round = self.round.model_copy(update={"state": "open", "ends_at": None})
        write_round(self.folder, self.round)
        self.mark.clear()
        self._show()
        self._ticker.start()
        self._on_answers()

    def new_round(self) -> None:
        """Back to the settings, for another round."""
        self.round = None
        self.mark.clear()
        self._show()
        self._on_answers()

    # -- following the room --------------------------------------------------------------------
    def tick(self) -> None:
        """Read the answers that arrived; redraw when there are new ones; mind the timer."""
        if self.round is None:
            return
        new, self._offset = read_ballots(self.folder / BALLOT_FILE, self._offset)
        self._ballots.extend(b for b in new if b.get("round") == self.round.id)
        timer_over = (self.round.state == "open" and self.round.ends_at is not None
                      and time.time() >= self.round.ends_at)
        if timer_over:
            self.close_round()
            return
        if len(self._ballots) != self._seen:
            self._seen = len(self._ballots)
            self._show_live()
            self._on_answers()
        elif self.round.ends_at is not None:
            self._show_live()  # the countdown

    def answers(self) -> dict[str, dict[str, int]]:
        """Device → item → value: the round's answers so far."""
        return answers_from(self._ballots, self.round.id) if self.round else {}

    def preview(self, workshop: Workshop) -> Workshop:
        """``workshop`` as it will be once the open round's answers are written into it."""
        if self.round is None or self.round.state != "open" or not self._ballots:
            return workshop
        change, _written = self._change()
        try:
            return change(workshop)
        except JourneyLabError:  # a stage or insight deleted meanwhile: show the saved one
            return workshop

    def _change(self):
        before = self._written_before()
        if self.kind == "emotions":
            return emotion_change(self.round, self.answers(),
                                  names_from(self._ballots, self.round.id), before)
        return vote_change(self.round, self.answers(), before)

    # -- what is shown ---------------------------------------------------------------------------
    def _resume(self) -> None:
        """Show the round this workshop has open, after a kernel restart or a reload."""
        found = read_round(self.folder)
        if found is not None and found.kind == self.kind and found.state == "open":
            self.round, self._before = found, None
            self.server = control.running(self.workshop_folder)
            self.tick()
            self._ticker.start()
        self._show()

    def _show(self) -> None:
        opened = self.round is not None
        is_open = opened and self.round.state == "open"
        self.settings.layout.display = "none" if opened else ""
        self.controls.layout.display = "" if opened else "none"
        self.close_button.layout.display = "" if is_open else "none"
        self.reveal_button.layout.display = "" if is_open else "none"
        self.reopen_button.layout.display = "none" if is_open or not opened else ""
        self.new_button.layout.display = "none" if is_open or not opened else ""
        self.join.value = self._join_html() if is_open else ""
        if opened:
            self.reveal_button.description = (_("Hide the results on the phones")
                                               if self.round.reveal
                                               else _("Show the results on the phones"))
        self._show_live()

    def _join_html(self) -> str:
        if self.server is None:
            return note(_("The room server is not running: close the round, then open a "
                          "new one."), error=True)
        url = self.server.url
        base = url.split("/r/", 1)[0]
        code = html.escape(_spaced(self.server.code))
        lines = [f"<div class='journeylab-room-address'>{html.escape(url)}</div>",
                 "<div>" + html.escape(_("or go to {address} and type the room code:",
                                         address=base)) + "</div>",
                 f"<div class='journeylab-room-code'>{code}</div>"]
        if not self.server.lan:
            lines.append(note(_("Only this computer can open it: tick “Open to the local "
                                "network” for a new round to let phones in.")))
        alt = html.escape(_("QR code of {address}", address=url))
        return (f"<div class='journeylab-room-card'><img src='{qr_data_uri(url)}' alt='{alt}'>"
                f"<div>{''.join(lines)}</div></div>")

    def _show_live(self) -> None:
        if self.round is None:
            self.live.value = ""
            return
        count = answering(self.answers())
        words = [_("People who answered: {count}", count=count)]
        if self.round.state == "open" and self.round.ends_at is not None:
            left = max(0, int(self.round.ends_at - time.time()))
            words.append(_("{minutes}:{seconds:02d} left", minutes=left // 60,
                           seconds=left % 60))
        if self.round.state == "closed":
            words.append(_("the round is closed"))
        self.live.value = ("<div class='journeylab-room-answers' role='status'>"
                           f"{html.escape(' · '.join(words))}</div>")
