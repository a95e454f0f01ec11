"""The handout's charts as PNG images, each with a text alternative that states its data.

Drawing the charts is most of the time of an export: a tenth of a second each, and more
than half a second for the journey map, whose thousands of letters matplotlib draws one by
one. Images are kept per process and on disk (:mod:`.chart_cache`), keyed on exactly the
data (and language) they show, so exporting again after a change, in the same process or a
new one, redraws only the charts that change. The map also keeps its
last page without the emotion curve: when only scores changed, as they do while a room
scores, just the curve is drawn again over it.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel import Locale
from babel.numbers import format_percent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..analysis import discussion_prompts, emotion_by_stage
from ..channels import channel_labels
from ..charts.emotions import LiveEmotionCurve
from ..charts.evidence import LiveRoomVersusCustomers, monthly_chart
from ..charts.journey import journey_map, redraw_curves
from ..charts.personas import persona_channel_chart, persona_channels
from ..charts.priorities import change_text, kpi_rows, kpi_targets, priority_matrix
from ..charts.touchpoints import (stage_channel_chart, stage_channel_counts,
                                  touchpoint_emotion_chart, touchpoint_emotions)
from ..i18n import _, current_language, format_number
from ..model import ScaleKind, Workshop
from ..priorities import QUADRANT_LABELS, Quadrant, by_priority
from . import chart_cache
from .words import signed

#: Pixels per inch of the images: sharp on a laptop screen and on paper, light in an e-mail.
DPI = 130
#: The journey map is printed on A3 and read up close: its small print needs more pixels.
MAP_DPI = 150
_CSS_DPI = 96  # a CSS pixel is 1/96 inch: the image is shown at the size it was drawn
_KEPT = 24
#: What the journey map shows: a change anywhere else (an action, the scope) keeps its image.
_ON_THE_MAP = {"title", "organisation", "date", "state", "language", "stages", "channels",
               "touchpoints", "personas", "journey", "emotions"}

_FRAMES_KEPT = 2  # an A3 page at MAP_DPI is 17 MB of pixels, and its figure
#: The map without its emotion curve: what a change of scores leaves as it was.
_FRAME = _ON_THE_MAP - {"emotions"}

_images: OrderedDict[Hashable, tuple[bytes, int, int]] = OrderedDict()
_frames: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()
_map_lock = threading.Lock()
_curve_lock = threading.Lock()
#: The emotion curve kept between exports: when only scores change, its frame (axes, stage
#: names, legend) is not drawn again, only the curves over it.
_curve = LiveEmotionCurve(dpi=DPI)
_versus_lock = threading.Lock()
#: The room versus its customers, kept the same way: a change of scores moves only the
#: room's lines.
_versus = LiveRoomVersusCustomers(dpi=DPI)


@dataclass(frozen=True)
class Chart:
    """A rendered chart: PNG bytes, its display size in CSS pixels, and its text alternative."""

    png: bytes
    width: int
    height: int
    alt: str


def _encoded(canvas: FigureCanvasAgg, dpi: int) -> bytes:
    """The canvas as a 256-colour PNG: a chart has few colours, and a third of the bytes of
    a full-colour image make a lighter e-mail and a quicker export."""
    width, height = canvas.get_width_height()
    return _png(Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA",
                                 0, 1), dpi)


def _png(image: Image.Image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE).save(
        buffer, format="png", dpi=(dpi, dpi), compress_level=3)  # a third of level 6's time
    return buffer.getvalue()


def _drawn(figure: Figure, dpi: int) -> bytes:
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return _encoded(canvas, dpi)


def _render(key: Hashable, draw: Callable[[], Figure], alt: str, dpi: int = DPI,
            encode: Callable[[Figure, int], bytes] = _drawn) -> Chart:
    key = (key, current_language(), dpi)
    with _lock:
        if key in _images:
            _images.move_to_end(key)
            return Chart(*_images[key], alt)
    image = chart_cache.load(key)
    if image is None:
        figure = draw()
        width, height = figure.get_size_inches()
        image = (encode(figure, dpi), round(width * _CSS_DPI), round(height * _CSS_DPI))
        chart_cache.keep(key, *image)
    with _lock:
        _images[key] = image
        while len(_images) > _KEPT:
            _images.popitem(last=False)
    return Chart(*image, alt)


def _map_figure(workshop: Workshop, persona: str | None, frame: Hashable) -> Figure:
    """The map of ``workshop``: the kept map of ``frame`` with its curves drawn anew when
    there is one (only the scores changed since), else a map drawn from scratch."""
    with _lock:
        kept = _frames.get(frame)
    if kept is None:
        return journey_map(workshop, persona)
    figure, _pixels = kept
    redraw_curves(figure, workshop, persona)
    return figure


def _map_png(figure: Figure, dpi: int, frame: Hashable) -> bytes:
    """The journey map as PNG, its frame restored from ``frame``'s kept pixels if any.

    The frame is everything but the axes of the emotion curve (gid ``emotion``); those are
    drawn last, over it. When the frame is drawn anew, it and its figure are kept for the
    next map whose only change is in the scores.
    """
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    curve = next((axes for axes in figure.axes if axes.get_gid() == "emotion"), None)
    with _lock:
        kept = _frames.get(frame)
    if curve is None:
        canvas.draw()
    elif kept is not None and kept[0] is figure:
        canvas.get_renderer()  # a blank page of this figure's size, to restore the frame on
        canvas.restore_region(kept[1])
        figure.draw_artist(curve)
    else:
        curve.set_visible(False)
        canvas.draw()
        pixels = canvas.copy_from_bbox(figure.bbox)
        curve.set_visible(True)
        figure.draw_artist(curve)
        with _lock:
            _frames[frame] = (figure, pixels)
            while len(_frames) > _FRAMES_KEPT:
                _frames.popitem(last=False)
    return _encoded(canvas, dpi)


def _digest(workshop: Workshop, fields: set[str]) -> bytes:
    return hashlib.sha256(workshop.model_dump_json(include=fields).encode()).digest()


def _sentence(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def known(value: float) -> bool:
    """Whether ``value`` is a number, not a gap (``None`` or NaN)."""
    return value is not None and not pd.isna(value)


def signed_or_dash(value: float) -> str:
    """:func:`~.words.signed`, or a dash where there is no value."""
    return signed(value) if known(value) else "—"


def headline_text(kind: ScaleKind, value: float) -> str:
    """A scale's headline figure as written: ``82%`` (CSAT), ``+13`` (NPS), ``5.1`` (mean)."""
    if not known(value):
        return "—"
    if kind == ScaleKind.CSAT:
        return format_percent(value / 100, locale=Locale.parse(current_language()))
    if kind == ScaleKind.NPS:
        return signed(value, 0)
    return format_number(value, 1, fixed=True)


def month_text(month: str) -> str:
    """``2026-03`` as the charts write it: ``03.2026``."""
    return f"{month[5:]}.{month[:4]}"


class Charts:
    """The charts of one handout: ``workshop`` whole, ``shown`` narrowed to what is shown.

    Each method returns ``None`` when there is nothing to draw, so the handout says so in
    words instead of showing an empty chart.
    """

    def __init__(self, workshop: Workshop, shown: Workshop) -> None:
        self.workshop, self.shown = workshop, shown

    # -- the journey map -------------------------------------------------------------------

    def journey(self, persona: str | None) -> Chart | None:
        """The journey map on one A3 landscape page, for ``persona`` or every persona."""
        if not self.workshop.stages:
            return None
        # the map speaks the workshop's language: give it the handout's
        drawn = self.workshop.model_copy(update={"language": current_language()})
        frame = ("journey", persona, MAP_DPI, _digest(drawn, _FRAME))
        with _map_lock:  # a kept map is drawn on by one export at a time
            return _render(("journey", persona, _digest(drawn, _ON_THE_MAP)),
                           lambda: _map_figure(drawn, persona, frame), self.journey_alt(),
                           dpi=MAP_DPI,
                           encode=lambda figure, dpi: _map_png(figure, dpi, frame))

    def journey_alt(self) -> str:
        """The journey map's data in words: per stage the mean emotion and the cards."""
        shown = self.shown
        scores: dict[str, list[int]] = {}
        for score in shown.emotions:
            if score.touchpoint is None:
                scores.setdefault(score.stage, []).append(score.score)
        parts = []
        for stage in shown.stages:
            cells = [c for c in shown.journey if c.stage == stage.id]
            values = scores.get(stage.id)
            parts.append(_("{stage}: mean emotion {mean}, pain points: {pains}, "
                           "opportunities: {opportunities}", stage=stage.name,
                           mean=signed(sum(values) / len(values)) if values else "—",
                           pains=sum(len(c.pain_points) for c in cells),
                           opportunities=sum(len(c.opportunities) for c in cells)))
        return _sentence(_("Journey map, stage by stage."),
                         "; ".join(parts) + "." if parts else "")

    # -- emotions ------------------------------------------------------------------------

    def emotions(self) -> Chart | None:
        """The emotion curve of the personas shown, with the cells the room disagreed on."""
        table = emotion_by_stage(self.shown)
        if table.empty:
            return None
        discuss = discussion_prompts(table)
        stages = [(s.id, s.name) for s in self.workshop.stages]
        personas = [(p.id, p.name) for p in self.workshop.personas]  # colours as in the forms
        shown = [p.id for p in self.shown.personas]
        stage_names = {s.id: s.name for s in self.workshop.stages}
        persona_names = {p.id: p.name for p in self.workshop.personas}
        lines = []
        for persona in self.shown.personas:
            rows = table[table["persona"] == persona.id]
            means = ", ".join(f"{stage_names[str(r.stage)]} {signed(r.mean)}"
                              for r in rows.itertuples())
            if means:
                lines.append(_("{persona}: {scores}.", persona=persona.name, scores=means))
        ringed = "; ".join(_("{persona} at {stage}, {points} points apart",
                             persona=persona_names[r.persona],
                             stage=stage_names[str(r.stage)], points=int(r.spread))
                           for r in discuss.itertuples())
        alt = _sentence(_("Emotion curve: the room's mean score per stage, from −3 (furious) "
                          "to +3 (delighted)."), *lines,
                        _("Ringed where the room disagreed: {cells}.", cells=ringed)
                        if ringed else "")
        key = ("emotions", tuple(stages), tuple(personas), tuple(shown), table.to_json(),
               discuss.to_json())
        with _curve_lock:  # the kept curve is drawn on by one export at a time
            return _render(key, lambda: _curve.update(table, stages, personas, shown=shown,
                                                      discuss=discuss),
                           alt, encode=lambda _figure, dpi: _png(_curve.live.image(), dpi))

    def touchpoint_emotions(self) -> Chart | None:
        """Mean scores per touchpoint and stage, if the room scored any touchpoint."""
        said = touchpoint_emotions(self.shown)
        if not said.touchpoints:
            return None
        lines = []
        for name, means in zip(said.touchpoints, said.means, strict=True):
            values = ", ".join(f"{stage} {signed(mean)}"
                               for stage, mean in zip(said.stages, means, strict=True)
                               if mean is not None)
            lines.append(_("{touchpoint}: {scores}.", touchpoint=name, scores=values))
        alt = _sentence(_("Mean emotion per touchpoint and stage, from −3 to +3."), *lines)
        return _render(("touchpoint-emotions", said), lambda: touchpoint_emotion_chart(said),
                       alt)

    # -- personas and touchpoints --------------------------------------------------------

    def channels(self) -> Chart | None:
        """Which persona uses which channel, if any persona has a channel."""
        data = persona_channels(self.shown)
        if not data.personas or not data.channels:
            return None
        labels = channel_labels(self.shown)
        lines = [_("{persona}: {channels}.", persona=p.name,
                   channels=", ".join(labels.get(c, c) for c in p.channels) or _("none"))
                 for p in self.shown.personas]
        alt = _sentence(_("Channels each persona uses."), *lines)
        return _render(("channels", data), lambda: persona_channel_chart(data), alt)

    def touchpoints(self) -> Chart | None:
        """Touchpoints per stage and channel, if there are touchpoints and stages."""
        said = stage_channel_counts(self.shown)
        if not said.channels or not said.stages:
            return None
        lines = []
        for column, stage in enumerate(said.stages):
            counts = ", ".join(f"{channel} {row[column]}"
                               for channel, row in zip(said.channels, said.counts, strict=True)
                               if row[column])
            lines.append(_("{stage}: {counts}.", stage=stage, counts=counts or _("none")))
        alt = _sentence(_("Touchpoints per stage and channel."), *lines)
        return _render(("touchpoints", said), lambda: stage_channel_chart(said), alt)

    # -- priorities and actions ----------------------------------------------------------

    def priorities(self) -> Chart | None:
        """The impact × effort matrix, if there are insights."""
        insights = self.shown.insights
        if not insights:
            return None
        ranked = by_priority(insights)
        lines = []
        for quadrant in Quadrant:
            mine = [r.insight for r in ranked if r.quadrant == quadrant]
            if mine:
                lines.append(_("{quadrant}: {insights}.",
                               quadrant=_(QUADRANT_LABELS[quadrant]), insights="; ".join(
                                   _("{title} (impact {impact}, effort {effort}, votes: "
                                     "{votes})", title=i.title, impact=i.impact,
                                     effort=i.effort, votes=i.votes) for i in mine)))
        alt = _sentence(_("Priority matrix: the insights by impact and effort, each rated "
                          "from 1 to 5."), *lines)
        key = ("priorities", tuple(i.model_dump_json() for i in insights))
        return _render(key, lambda: priority_matrix(insights), alt)

    def kpis(self) -> Chart | None:
        """Each action's KPI from baseline to target, if any action has one of them."""
        rows = kpi_rows(self.shown.actions)
        if not rows:
            return None
        lines = [_("{action}: {kpi} {change}.", action=a.title,
                   kpi=a.kpi or _("no KPI named"), change=change_text(a)) for a in rows]
        alt = _sentence(_("KPIs from baseline to target."), *lines)
        key = ("kpis", tuple(a.model_dump_json() for a in rows))
        return _render(key, lambda: kpi_targets(rows), alt)

    # -- customer evidence ---------------------------------------------------------------

    def room_versus_customers(self, table: pd.DataFrame) -> Chart | None:
        """The room's mean emotion beside the customers' per stage, one panel per persona.

        ``table`` is :func:`~journeylab.evidence.measures.room_versus_customers` of one
        source, its persona column holding ids or gaps.
        """
        if table.empty:
            return None
        names = {p.id: p.name for p in self.workshop.personas}
        drawn = table.drop(columns="source").assign(
            persona=[names[p] if known(p) else None for p in table["persona"]])
        stages = [(s.id, s.name) for s in self.workshop.stages]
        lines, flagged = [], []
        for persona in dict.fromkeys(drawn["persona"]):
            rows = drawn[drawn["persona"].isna() if persona is None
                         else drawn["persona"] == persona]
            by_stage = {r.stage: r for r in rows.itertuples()}
            said = "; ".join(
                _("{stage}: room {room}, customers {customers} (n = {n})", stage=name,
                  room=signed_or_dash(by_stage[id_].room),
                  customers=signed_or_dash(by_stage[id_].customers), n=by_stage[id_].n)
                if id_ in by_stage else _("{stage}: no ratings", stage=name)
                for id_, name in stages)
            lines.append(_("{persona}: {stages}.", persona=persona, stages=said)
                         if persona else said + ".")
            flagged += [_("{stage} ({persona})", stage=name, persona=persona) if persona
                        else name for id_, name in stages
                        if id_ in by_stage and by_stage[id_].optimistic]
        alt = _sentence(
            _("The room versus its customers: the mean emotion per stage from −3 (furious) to "
              "+3 (delighted), the customers' with its 95% interval."), *lines,
            _("Marked where the room is more optimistic than its customers: {stages}.",
              stages=", ".join(flagged)) if flagged
            else _("At no stage is the room more optimistic than its customers."))
        key = ("room-versus-customers", tuple(stages), drawn.to_json())
        with _versus_lock:  # the kept chart is drawn on by one export at a time
            return _render(key, lambda: _versus.update(drawn, stages), alt,
                           encode=lambda _figure, dpi: _png(_versus.live.image(), dpi))

    def customer_months(self, table: pd.DataFrame, kind: ScaleKind, headline: str,
                        targets: tuple[tuple[str, float], ...]) -> Chart | None:
        """The scale's ``headline`` figure month by month, with the action plan's
        ``targets`` (label, value) as lines; ``None`` for fewer than two months.

        ``table`` is :func:`~journeylab.evidence.measures.measures` by month.
        """
        drawn = table[table["month"].map(known)][
            ["month", "n", "headline", "headline_low", "headline_high"]]
        if len(drawn) < 2:
            return None
        months = "; ".join(_("{month}: {value} (n = {n})", month=month_text(r.month),
                             value=headline_text(kind, r.headline), n=r.n)
                           for r in drawn.sort_values("month").itertuples())
        alt = _sentence(
            _("{headline} month by month, with its 95% interval.", headline=headline),
            months + ".",
            _("Targets of the action plan: {targets}.", targets="; ".join(
                _("{action}: {value}", action=label, value=headline_text(kind, value))
                for label, value in targets)) if targets else "")
        key = ("customer-months", headline, drawn.drop(columns="n").to_json(), targets)
        return _render(key, lambda: monthly_chart(drawn, headline, targets), alt)
