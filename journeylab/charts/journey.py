"""The journey map itself, for a printed handout: stages as columns, lanes as rows.

One A3 landscape page. The columns are the workshop's stages in order; the rows are the
touchpoints grouped by channel, what the persona does and thinks, the emotion curve, the
pain points and the opportunities. Every card is a short note with a tag saying where it
comes from (A assumption, W workshop, I interview, S survey, D data or analytics), so a
map built on guesses says so even when printed in grey.

One persona or all of them
    With ``persona`` given, the card lanes and the curve show that persona only: the map a
    team pins on the wall. With ``persona=None`` the curve overlays every persona, and each
    card lane shows every persona's cards grouped by persona, each note marked with the
    persona's marker (the one its curve uses) and short name (initials when the columns
    are narrow). When a cell is too full, every persona's first card is shown before
    anyone's second, with notes cut to one line if that is what it takes, so a persona
    drops out of a cell only when the cell cannot hold one line per persona. Touchpoints
    are cut the same way, channel by channel.

:func:`map_content` collects what goes on the map, once; :func:`journey_map` lays it out
and draws it. The page is laid out by hand in inches rather than by a layout engine, and
text is wrapped with the font's own advance widths: nothing spills into a neighbouring
cell, and no engine has to measure a thousand texts before the page can be drawn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..analysis import emotion_by_stage
from ..channels import channel_labels
from ..errors import JourneyLabError
from ..i18n import N_, _, format_date, language
from ..model import EVIDENCE_LABELS, LANE_LABELS, Evidence, Lane, Workshop, WorkshopState
from ..presets import EMOTIONS
from .emotions import scale_label
from .style import GRID, INK, MUTED, PALETTE, Styled, new_figure

#: A3 landscape, in inches.
PAGE = (16.54, 11.69)
#: Covers Latin, Latvian and Cyrillic letters and every symbol the map uses.
FONT = "DejaVu Sans"

TOUCHPOINTS = N_("Touchpoints")
EMOTION = N_("Emotion")
#: The rows of the map, top to bottom. Goals, needs, feelings and moments of truth stay off
#: the printed page: with them, the cards of a full workshop no longer fit an A3 sheet.
ROWS: tuple[str | Lane, ...] = ("touchpoints", Lane.ACTIONS, Lane.THOUGHTS, "emotion",
                                Lane.PAIN_POINTS, Lane.OPPORTUNITIES)
CARD_LANES = tuple(row for row in ROWS if isinstance(row, Lane))
#: One letter per kind of evidence, as on the blank canvas, so a tag reads without colour.
EVIDENCE_TAGS = {
    Evidence.ASSUMPTION: N_("A"), Evidence.WORKSHOP: N_("W"), Evidence.INTERVIEW: N_("I"),
    Evidence.SURVEY: N_("S"), Evidence.ANALYTICS: N_("D"),
}
ONLINE_MARK, OFFLINE_MARK = "●", "○"
#: The text glyph of each matplotlib marker, so a note shows its persona's curve marker.
GLYPHS = {"o": "●", "s": "■", "D": "◆", "^": "▲", "v": "▼", "P": "✚", "X": "✖", "*": "★"}

_MARGIN = 0.35
_PAD = 0.07  # inside a cell
_HEADER = 0.62  # title and subtitle
# Each line of text is its own artist on a baseline of its own, a fixed leading apart:
# matplotlib spaces the lines of one artist by their glyphs, so a line with "Й" or "Ā"
# would push the rest of a note down into the next one.
_LEADING = 1.25  # ems from one baseline to the next
_ASCENT = 0.93  # ems above the baseline the tallest glyph reaches (Ă, Й, Ž); "Ģ" goes 0.25
_LP_ASCENT = 0.76  # ems: how high "l" reaches, where a line of plain text seems to start
_FIT = 0.97  # of the measured width: kerning and pixel rounding never push text out
_NOTE_GAP = 0.3  # between notes, in lines
_MIN_LANE = 0.75
_NAMES_FROM = 2.0  # column width (inches) from which notes carry short names, not initials
_BORDER = "#9A9A9A"
_LABEL_FILL = "#F2F2F2"
_HEAD_FILL = PALETTE[0]
_ASSUMPTION = PALETTE[5]  # vermillion: the tag a reader should question
_DODGE = 0.07
_LEGEND_SIZE = 7.5
_WORD_SIZE = 7.5  # the emotion words beside the curve
_ITEM_GAP, _GROUP_SPACE = 0.18, 0.45  # between legend entries and groups
_GROUP_GAP = 0.25  # between channels, in lines
_TAG_SIZE = 7.0
_TAG_FONT = "DejaVu Sans Mono"  # every tag letter as wide as the others: even boxes
_TAG_PAD = 0.25  # around the letter, in ems
_TAG_INSET = _TAG_PAD * _TAG_SIZE / 72
_TAG_WIDTH = 0.602 * _TAG_SIZE / 72 + 2 * _TAG_INSET  # the mono font's advance is 0.602 em


# -- what goes on the map ---------------------------------------------------------------------

@dataclass(frozen=True)
class Note:
    """One card as the map shows it: its text, evidence and persona (when several)."""

    text: str
    evidence: Evidence
    persona: int | None = None  # place in MapContent.personas; None with one persona


@dataclass(frozen=True)
class TouchpointGroup:
    """The touchpoints of one channel at one stage: ``(name, online)`` each."""

    channel: str
    points: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class MapPersona(Styled):
    """A persona on the map, with the style its curve and notes share."""

    id: str
    name: str
    short: str
    initials: str
    style: int

    @property
    def glyph(self) -> str:
        return GLYPHS[self.marker]


@dataclass
class MapContent:
    """Everything the map shows, collected from a workshop in its language.

    ``touchpoints[i]`` and ``cards[lane][i]`` belong to ``stages[i]``; ``emotions`` is
    :func:`~journeylab.analysis.emotion_by_stage` of the shown personas.
    """

    title: str
    subtitle: str
    stages: list[tuple[str, str]]
    personas: list[MapPersona]
    several: bool
    touchpoints: list[list[TouchpointGroup]] = field(default_factory=list)
    cards: dict[Lane, list[list[Note]]] = field(default_factory=dict)
    emotions: pd.DataFrame = field(default_factory=pd.DataFrame)
    mostly_assumptions: bool = False


def _unique(labels: list[str]) -> list[str]:
    """``labels`` with a number added to each one that appears more than once."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        if labels.count(label) > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} {seen[label]}"
        unique.append(label)
    return unique


def short_names(names: Sequence[str]) -> list[str]:
    """A short name for each persona: ``"Ellie, the app-first couple"`` → ``"Ellie"``.

    The part before the first comma, or its first word when that is long; a number is added
    when two personas would share one.
    """
    shorts = []
    for name in names:
        short = name.split(",")[0].strip() or name
        if len(short) > 16:
            short = short.split()[0]
        shorts.append(short if len(short) <= 16 else short[:15] + "…")
    return _unique(shorts)


def initials(shorts: Sequence[str]) -> list[str]:
    """Initials of short names, for narrow columns: ``"Ellie"`` → ``"E"``, ``"Persona 2"`` →
    ``"P2"``; a number is added when two personas would share them."""
    return _unique(["".join(word if word.isdigit() else word[0] for word in short.split())
                    or short for short in shorts])


def _subtitle(workshop: Workshop, shown: list[MapPersona], several: bool) -> str:
    state = (_("Future state: the journey as it should become")
             if workshop.state == WorkshopState.FUTURE
             else _("Current state: the journey as it is today"))
    parts = [_("All personas") if several else shown[0].name if shown else "",
             workshop.organisation, format_date(workshop.date) if workshop.date else "", state]
    return " · ".join(part for part in parts if part)


def map_content(workshop: Workshop, persona: str | None = None) -> MapContent:
    """What the map of ``persona`` (every persona when ``None``) shows, in the current language.

    Raises
    ------
    JourneyLabError
        When the workshop has no persona ``persona``.
    """
    ids = [p.id for p in workshop.personas]
    if persona is not None and persona not in ids:
        raise JourneyLabError(_("There is no {kind} '{id}' in this workshop",
                                kind=_("persona"), id=persona))
    shorts = short_names([p.name for p in workshop.personas])
    letters = initials(shorts)
    everyone = [MapPersona(p.id, p.name, shorts[i], letters[i], i)
                for i, p in enumerate(workshop.personas)]
    shown = [p for p in everyone if persona in (None, p.id)]
    several = persona is None and len(shown) > 1
    content = MapContent(title=workshop.title, subtitle=_subtitle(workshop, shown, several),
                         stages=[(s.id, s.name) for s in workshop.stages], personas=shown,
                         several=several)
    content.touchpoints = _touchpoint_groups(workshop)
    content.cards = {lane: [] for lane in CARD_LANES}
    evidence: list[Evidence] = []
    for stage_id, _name in content.stages:
        cells = [(index, workshop.cell(stage_id, p.id)) for index, p in enumerate(shown)]
        for lane in CARD_LANES:
            notes = []
            for index, cell in cells:
                for card in getattr(cell, lane.value) if cell else ():
                    notes.append(Note(card.text, card.evidence, index if several else None))
                    evidence.append(card.evidence)
            content.cards[lane].append(notes)
    assumed = sum(e == Evidence.ASSUMPTION for e in evidence)
    content.mostly_assumptions = bool(evidence) and assumed * 2 > len(evidence)
    table = emotion_by_stage(workshop)
    content.emotions = table[table["persona"].isin([p.id for p in shown])]
    return content


def _touchpoint_groups(workshop: Workshop) -> list[list[TouchpointGroup]]:
    labels = channel_labels(workshop)
    order = {channel: index for index, channel in enumerate(labels)}
    groups = []
    for stage in workshop.stages:
        by_channel: dict[str, list[tuple[str, bool]]] = {}
        for point in workshop.touchpoints:
            if stage.id in point.stages:
                by_channel.setdefault(point.channel, []).append((point.name, point.online))
        channels = sorted(by_channel, key=lambda c: (order.get(c, len(order)), c))
        groups.append([TouchpointGroup(labels.get(c, c), tuple(by_channel[c]))
                       for c in channels])
    return groups


# -- measuring and wrapping text --------------------------------------------------------------

@functools.cache
def _font(bold: bool) -> FT2Font:
    font = FT2Font(findfont(FontProperties(family=FONT, weight="bold" if bold else "normal")))
    font.set_size(72, 72)  # one point per pixel: advances come out in points at 72 pt
    return font


@functools.cache
def _advance(char: str, bold: bool) -> float:
    """Width of ``char`` in ems; 0 for a glyph the font lacks (see :func:`printable`)."""
    font = _font(bold)
    return font.load_char(ord(char)).linearHoriAdvance / 65536 / 72


@functools.cache
def _has_glyph(char: str) -> bool:
    return char.isspace() or _font(False).get_char_index(ord(char)) != 0


def printable(text: str) -> str:
    """``text`` on one line, with characters the font cannot draw (emoji…) shown as �.

    Matplotlib would draw an empty box for them and warn on every redraw.
    """
    return " ".join("".join(c if _has_glyph(c) else "\ufffd" for c in text).split())


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``size`` points, in inches."""
    return sum(_advance(c, bold) for c in text) * size / 72


def line_height(size: float) -> float:
    """Height of one line of text at ``size`` points, in inches."""
    return _LEADING * size / 72


def note_gap(size: float) -> float:
    """Space between two notes at ``size`` points, in inches.

    At least enough to keep the evidence tags of one-line notes two points apart: a tag's
    box is taller than a line of small text.
    """
    tag = _TAG_SIZE * (1 + 2 * _TAG_PAD) / 72
    return max(_NOTE_GAP * line_height(size), tag + 2 / 72 - line_height(size))


@functools.lru_cache(maxsize=8192)  # a cell tries several cuts of the same notes
def wrap_text(text: str, width: float, size: float, max_lines: int,
              bold: bool = False) -> tuple[tuple[str, ...], bool]:
    """``text`` broken into lines no wider than ``width`` inches, at most ``max_lines``.

    Lines break at spaces (not at no-break spaces), and inside a word only when the word is
    wider than a line. Returns the lines and whether the text was cut; a cut text ends
    with "…", on a whole word when that costs little room.
    """
    limit = width * _FIT

    def fits(line: str) -> bool:
        return text_width(line, size, bold) <= limit

    words = [word for word in text.replace("\n", " ").split(" ") if word]
    joined = " ".join(words)
    lines: list[tuple[int, str]] = []  # where each line starts in ``joined``, and the line
    current, start, position = "", 0, 0
    for word in words:
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current, start = candidate, start if current else position
        else:
            if current:
                lines.append((start, current))
            rest, offset = word, position
            while not fits(rest) and len(rest) > 1:  # a word wider than the cell: break it
                cut = next((i for i in range(len(rest) - 1, 0, -1) if fits(rest[:i])), 1)
                lines.append((offset, rest[:cut]))
                rest, offset = rest[cut:], offset + cut
            current, start = rest, offset
        position += len(word) + 1
        if len(lines) > max_lines:
            break
    if current and len(lines) <= max_lines:
        lines.append((start, current))
    if len(lines) <= max_lines:
        return tuple(line for _start, line in lines), False
    rest = joined[lines[max_lines - 1][0]:]
    low, high = 0, min(len(rest), len(lines[max_lines - 1][1]) + 80)
    while low < high:  # the longest start of ``rest`` that fits with "…" after it
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(rest[:middle] + "…") else (low, middle - 1)
    last = rest[:low]
    space = last.rfind(" ")
    if low < len(rest) and rest[low] != " " and space > 0.6 * len(last):
        last = last[:space]
    return (*(line for _start, line in lines[:max_lines - 1]),
            last.rstrip(" ,;:.–-") + "…"), True


# -- placing text in a cell -------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A text to draw: top-left corner in inches from the page's bottom-left, and its look."""

    x: float
    y: float
    text: str
    size: float
    role: str
    colour: str = INK
    bold: bool = False
    italic: bool = False
    box: Evidence | None = None  # an evidence tag


@dataclass(frozen=True)
class Cell:
    """The inner box of a cell, in inches: left, top, width, height."""

    left: float
    top: float
    width: float
    height: float


def _round_robin(keys: Sequence[int]) -> list[int]:
    """Positions of ``keys`` ordered first of each key, then second of each, and so on."""
    seen: dict[int, int] = {}
    ranks = []
    for position, key in enumerate(keys):
        ranks.append((seen.get(key, 0), key, position))
        seen[key] = seen.get(key, 0) + 1
    return [position for _rank, _key, position in sorted(ranks)]


def more_label(count: int) -> str:
    """``"+ 3 more"``: what a full cell says about the notes it leaves out."""
    return _("+ {count} more", count=count)


@dataclass(frozen=True)
class NoteStyle:
    """Font size and indent of the notes of one map."""

    size: float
    gutter: float  # room left of a note for its tag (and persona marker)
    initials: bool = False  # notes start with the persona's initials, not its short name


def note_text(note: Note, style: NoteStyle, personas: Sequence[MapPersona]) -> str:
    """What a note says: the card's text, after its persona's name when several are shown."""
    if note.persona is None:
        return printable(note.text)
    one = personas[note.persona]
    return printable(_("{persona}: {text}", persona=one.initials if style.initials
                       else one.short, text=note.text))


def fit_notes(notes: Sequence[Note], cell: Cell, style: NoteStyle,
              personas: Sequence[MapPersona]) -> list[Piece]:
    """The pieces that show ``notes`` in ``cell``, cut to fit; ``"+ n more"`` when needed.

    Notes get as many lines as the cell allows (up to six each). When even two lines each
    are too many, whole notes are left out, the first of each persona before the second of
    any; when that still leaves a persona out, every note gets one line.
    """
    if not notes:
        return []
    line = line_height(style.size)
    gap = note_gap(style.size)
    width = cell.width - style.gutter
    texts = [note_text(note, style, personas) for note in notes]

    def wrapped(max_lines: int, which: Iterable[int]) -> dict[int, Sequence[str]]:
        return {i: wrap_text(texts[i], width, style.size, max_lines)[0] for i in which}

    def height(blocks: dict[int, Sequence[str]]) -> float:
        return sum(len(lines) for lines in blocks.values()) * line + gap * (len(blocks) - 1)

    everything = range(len(notes))
    chosen: dict[int, Sequence[str]] = {}
    for max_lines in (6, 4, 3, 2):
        chosen = wrapped(max_lines, everything)
        if height(chosen) <= cell.height:
            break
    else:
        owners = [note.persona or 0 for note in notes]
        order = _round_robin(owners)
        budget = cell.height - line - gap  # the "+ n more" line
        for max_lines in (2, 1):
            blocks = wrapped(max_lines, everything)
            chosen, used = {}, 0.0
            for i in order:
                cost = len(blocks[i]) * line + (gap if chosen else 0.0)
                if used + cost <= budget:
                    chosen[i], used = blocks[i], used + cost
            if {owners[i] for i in chosen} == set(owners):
                break
        if len(chosen) == len(notes):
            budget += line + gap  # no "+ n more" line after all
        for more_lines in (2, 3, 4):  # room left over: notes get more lines, in turn
            for i in order:
                if i in chosen:
                    longer = wrap_text(texts[i], width, style.size, more_lines)[0]
                    extra = (len(longer) - len(chosen[i])) * line
                    if extra and used + extra <= budget:
                        chosen[i], used = longer, used + extra
    pieces = []
    y = cell.top
    for i in sorted(chosen):
        note = notes[i]
        # level with the top of the note's letters, not with the room kept for accents
        tag_top = y - (_ASCENT - _LP_ASCENT) * style.size / 72
        pieces.append(Piece(cell.left, tag_top, _(EVIDENCE_TAGS[note.evidence]), _TAG_SIZE,
                            "tag", bold=True, box=note.evidence))
        if note.persona is not None:
            one = personas[note.persona]
            pieces.append(Piece(cell.left + _TAG_WIDTH + 0.03, y, one.glyph, style.size,
                                "persona", colour=one.colour))
        pieces.append(Piece(cell.left + style.gutter, y, "\n".join(chosen[i]), style.size,
                            "note"))
        y -= len(chosen[i]) * line + gap
    hidden = len(notes) - len(chosen)
    if hidden:
        pieces.append(Piece(cell.left + style.gutter, y, more_label(hidden), style.size,
                            "more", colour=MUTED, italic=True))
    return pieces


def flow(items: Sequence[str], widths: Sequence[float], indent: float, width: float,
         size: float, max_lines: int) -> list[str]:
    """``items`` run on as lines of text, two spaces apart, the first line ``indent`` in.

    An item breaks over lines only when it is wider than a whole line, and then over at
    most ``max_lines`` (cut with "…"). The first line is empty when not even the first
    item fits after the indent.
    """
    limit = width * _FIT
    space = text_width("  ", size)
    lines, used = [""], indent
    for item, item_width in zip(items, widths, strict=True):
        if lines[-1] and used + space + item_width <= limit:
            lines[-1] += "  " + item
            used += space + item_width
            continue
        if not lines[-1] and used + item_width <= limit:
            lines[-1], used = item, used + item_width
            continue
        if lines[-1] or used:
            lines.append("")
        if item_width <= limit:
            lines[-1], used = item, item_width
            continue
        parts = wrap_text(item, width, size, max_lines)[0]
        lines[-1] = parts[0]
        lines += parts[1:]
        used = text_width(parts[-1], size)
    return lines


@dataclass(frozen=True)
class TouchpointLayout:
    """Touchpoints as a cell shows them: per channel shown, its name and its lines."""

    groups: tuple[tuple[int, tuple[str, ...]], ...]
    hidden: int

    def lines(self) -> int:
        return sum(len(lines) for _group, lines in self.groups)


def channel_head(channel: str, width: float, size: float) -> str:
    """A channel's name as its group's heading: bold, on one line, cut with "…" if need be."""
    return wrap_text(printable(channel), width, size, 1, bold=True)[0][0]


def _head_indent(head: str, size: float) -> float:
    return text_width(head, size, True) + text_width("  ", size)


def layout_touchpoints(groups: Sequence[TouchpointGroup], width: float, height: float,
                       size: float) -> TouchpointLayout:
    """Each channel's touchpoints run on after its name, cut to fit ``height`` inches.

    Names may take two lines, then one; when that is still too tall, touchpoints are left
    out, the first of each channel before the second of any.
    """
    line = line_height(size)
    gap = _GROUP_GAP * line
    heads = [_head_indent(channel_head(g.channel, width, size), size) for g in groups]
    flat = [(g, f"{ONLINE_MARK if online else OFFLINE_MARK}\u00a0{printable(name)}")
            for g, group in enumerate(groups) for name, online in group.points]
    widths = [text_width(item, size) for _g, item in flat]

    def layout(which: Sequence[int], max_lines: int) -> tuple[TouchpointLayout, float]:
        by_group: dict[int, list[int]] = {}
        for i in sorted(which):
            by_group.setdefault(flat[i][0], []).append(i)
        shown = tuple((g, tuple(flow([flat[i][1] for i in items], [widths[i] for i in items],
                                     heads[g], width, size, max_lines)))
                      for g, items in by_group.items())
        result = TouchpointLayout(shown, len(flat) - len(which))
        return result, result.lines() * line + gap * max(len(shown) - 1, 0)

    everything = range(len(flat))
    for max_lines in (2, 1):
        result, needed = layout(everything, max_lines)
        if needed <= height:
            return result
    order = _round_robin([g for g, _item in flat])
    budget = height - line - gap  # the "+ n more" line
    low, high = 0, len(order)  # the most touchpoints that fit lie in low…high
    while low < high:
        middle = (low + high + 1) // 2
        if layout(order[:middle], 1)[1] <= budget:
            low = middle
        else:
            high = middle - 1
    return layout(order[:low], 1)[0]


def fit_touchpoints(groups: Sequence[TouchpointGroup], cell: Cell, size: float) -> list[Piece]:
    """The pieces that show ``groups`` in ``cell``: each channel's name in bold, then its
    touchpoints, each marked ● online or ○ offline; ``"+ n more"`` counts what is left out.
    """
    if not groups:
        return []
    result = layout_touchpoints(groups, cell.width, cell.height, size)
    line = line_height(size)
    pieces = []
    y = cell.top
    for group, lines in result.groups:
        head = channel_head(groups[group].channel, cell.width, size)
        pieces.append(Piece(cell.left, y, head, size, "channel", colour=MUTED, bold=True))
        indent = _head_indent(head, size)
        if lines[0]:
            pieces.append(Piece(cell.left + indent, y, lines[0], size, "point"))
        if len(lines) > 1:
            pieces.append(Piece(cell.left, y - line, "\n".join(lines[1:]), size, "point"))
        y -= len(lines) * line + _GROUP_GAP * line
    if result.hidden:
        pieces.append(Piece(cell.left, y, more_label(result.hidden), size, "more",
                            colour=MUTED, italic=True))
    return pieces


# -- the page ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sizes:
    """Font sizes (points) and widths (inches) that depend on how many stages there are."""

    note: float
    stage: float
    label: float
    column: float
    label_width: float

    @classmethod
    def for_columns(cls, count: int, words: float = 0.0) -> Sizes:
        """Sizes for ``count`` stages; ``words`` is the width of the widest emotion word."""
        # the label column holds the emotion words too: wide enough for them, within reason
        label_width = min(max(1.5, words + 2 * _PAD + 0.1), 2.4)
        column = (PAGE[0] - 2 * _MARGIN - label_width) / max(count, 1)
        note = 8.0 if column >= 2.2 else 7.5 if column >= 1.6 else 7.0
        stage = 10.0 if column >= 1.6 else 8.5
        return cls(note=note, stage=stage, label=9.0, column=column, label_width=label_width)


@dataclass(frozen=True)
class LegendItem:
    """One entry of the footer: its width in inches and how to draw it at ``(x, y)``."""

    width: float
    draw: Callable[[float, float], None]
    heading: bool = False  # starts a group: more space before it


class Page:
    """Draws a :class:`MapContent` on an A3 figure, top to bottom."""

    def __init__(self, content: MapContent) -> None:
        self.content = content
        self.figure = new_figure(*PAGE)
        self.figure.set_layout_engine(None)  # "none" keeps a placeholder engine: draws twice
        words = max(text_width(scale_label(score), _WORD_SIZE) for score in EMOTIONS)
        self.sizes = Sizes.for_columns(len(content.stages), words)
        self.left = _MARGIN + self.sizes.label_width  # where the first stage column starts

    # drawing primitives, all in inches from the bottom-left corner
    def text(self, x: float, y: float, text: str, size: float, gid: str = "",
             colour: str = INK, bold: bool = False, italic: bool = False,
             ha: str = "left", va: str = "top", **extra):
        extra.setdefault("family", FONT)
        artist = self.figure.text(x, y, text, transform=self.figure.dpi_scale_trans,
                                  ha=ha, va=va, fontsize=size, color=colour,
                                  fontweight="bold" if bold else "normal",
                                  fontstyle="italic" if italic else "normal", **extra)
        if gid:
            artist.set_gid(gid)
        return artist

    def block(self, x: float, top: float, text: str, size: float, gid: str, **style) -> None:
        """``text``'s lines from ``top`` down, each line an artist on its own baseline."""
        for number, line in enumerate(text.split("\n")):
            self.text(x, top - _ASCENT * size / 72 - number * line_height(size), line, size,
                      gid, va="baseline", **style)

    def rectangle(self, x: float, y: float, width: float, height: float, **style) -> None:
        self.figure.add_artist(Rectangle((x, y), width, height,
                                         transform=self.figure.dpi_scale_trans,
                                         zorder=0, **style))

    def place(self, pieces: Iterable[Piece], gid: str) -> None:
        """Draw ``pieces``; each one's lines share the gid ``{gid}:{role}:{number}``."""
        for number, piece in enumerate(pieces):
            name = f"{gid}:{piece.role}:{number}"
            if piece.box is None:
                self.block(piece.x, piece.y, piece.text, piece.size, name, colour=piece.colour,
                           bold=piece.bold, italic=piece.italic)
                continue
            assumed = piece.box == Evidence.ASSUMPTION
            box = {"boxstyle": f"round,pad={_TAG_PAD}", "linewidth": 0.8,
                   "facecolor": "white" if assumed else _HEAD_FILL,
                   "edgecolor": _ASSUMPTION if assumed else _HEAD_FILL}
            # moved in by the box's padding, so the box (not the letter) sits at the corner
            self.text(piece.x + _TAG_INSET, piece.y - _TAG_INSET, piece.text, piece.size,
                      name, colour=_ASSUMPTION if assumed else "white", bold=True,
                      family=_TAG_FONT, bbox=box)

    # the parts of the page
    def header(self) -> float:
        """Title, subtitle and the name of the chart; returns the bottom of the header."""
        top = PAGE[1] - _MARGIN
        width = PAGE[0] - 2 * _MARGIN
        kind = _("Customer journey map")
        kind_width = text_width(kind, 10) + 0.3
        title = wrap_text(printable(self.content.title), width - kind_width, 16, 1, True)[0]
        self.text(_MARGIN, top, title[0] if title else "", 16, "title", bold=True)
        self.text(PAGE[0] - _MARGIN, top, kind, 10, "kind", colour=MUTED, ha="right")
        subtitle = wrap_text(printable(self.content.subtitle), width, 9.5, 1)[0]
        self.text(_MARGIN, top - 0.33, subtitle[0] if subtitle else "", 9.5, "subtitle",
                  colour=MUTED)
        return top - _HEADER

    def stage_row(self, top: float) -> float:
        """The stage names on a coloured band; returns the band's bottom."""
        size, column = self.sizes.stage, self.sizes.column
        names = [wrap_text(printable(name), column - 2 * _PAD, size, 3, bold=True)[0]
                 for _id, name in self.content.stages]
        corner = wrap_text(_("Stage"), self.sizes.label_width - 2 * _PAD, size, 3, True)[0]
        lines = max([len(n) for n in names] + [len(corner)])
        height = lines * line_height(size) + 2 * _PAD
        bottom = top - height
        self.rectangle(_MARGIN, bottom, PAGE[0] - 2 * _MARGIN, height, facecolor=_HEAD_FILL,
                       linewidth=0)
        self.block(_MARGIN + _PAD, top - _PAD, "\n".join(corner), size, "corner",
                   colour="white", bold=True)
        for index, ((stage_id, _name), name) in enumerate(zip(self.content.stages, names,
                                                              strict=True)):
            self.block(self.left + index * column + _PAD, top - _PAD, "\n".join(name), size,
                       f"stage:{stage_id}", colour="white", bold=True)
        return bottom

    def legend_items(self) -> list[LegendItem]:
        """The footer's entries, in reading order."""
        size = _LEGEND_SIZE
        items: list[LegendItem] = []

        def say(text: str, bold: bool = False, colour: str = INK, heading: bool = False):
            items.append(LegendItem(text_width(text, size, bold),
                                    lambda x, y: self._legend_text(x, y, text, size, bold,
                                                                   colour), heading))

        say(_("Evidence"), bold=True, heading=True)
        tag_width = _TAG_WIDTH + 0.06
        for level in Evidence:
            label = _(EVIDENCE_LABELS[level])
            items.append(LegendItem(tag_width + text_width(label, size),
                                    lambda x, y, lv=level, lb=label: self._legend_tag(
                                        x, y, lv, lb, tag_width)))
        say(_(TOUCHPOINTS), bold=True, heading=True)
        say(f"{ONLINE_MARK} {_('online')}")
        say(f"{OFFLINE_MARK} {_('offline')}")
        if self.content.personas:
            say(_(EMOTION), bold=True, heading=True)
        initials = self.note_style().initials and self.content.several
        for one in self.content.personas:
            label = (_("{persona}: {text}", persona=one.initials, text=one.name) if initials
                     else one.name)
            items.append(LegendItem(0.38 + text_width(label, size),
                                    lambda x, y, p=one, t=label: self._legend_persona(x, y, p,
                                                                                      t)))
        if self.content.personas:
            mark = 0.2 if self.content.several else 0.38
            items.append(LegendItem(mark + text_width(_("lowest to highest score"), size),
                                    lambda x, y: self._legend_spread(x, y, mark)))
        if self.content.mostly_assumptions:
            say(_("Most cards are assumptions: check them against customer evidence before "
                  "acting on them."), bold=True, colour=_ASSUMPTION, heading=True)
        return items

    def _legend_text(self, x: float, y: float, text: str, size: float, bold: bool = False,
                     colour: str = INK) -> None:
        self.text(x, y, text, size, "legend", colour=colour, bold=bold, va="center")

    def _legend_tag(self, x: float, y: float, level: Evidence, label: str,
                    offset: float) -> None:
        tag = Piece(x, y + _TAG_SIZE / 144 + _TAG_INSET, _(EVIDENCE_TAGS[level]), _TAG_SIZE,
                    "tag", bold=True, box=level)
        self.place([tag], "legend")
        self._legend_text(x + offset, y, label, _LEGEND_SIZE)

    def _legend_persona(self, x: float, y: float, one: MapPersona, label: str) -> None:
        self.figure.add_artist(Line2D([x, x + 0.15, x + 0.3], [y, y, y], color=one.colour,
                                      linewidth=1.8, marker=one.marker, markevery=[1],
                                      markersize=5, markeredgecolor="white",
                                      markeredgewidth=0.6,
                                      transform=self.figure.dpi_scale_trans))
        self._legend_text(x + 0.38, y, label, _LEGEND_SIZE)

    def _legend_spread(self, x: float, y: float, mark: float) -> None:
        if self.content.several:
            self.figure.add_artist(Line2D([x + 0.08, x + 0.08], [y - 0.07, y + 0.07],
                                          color=MUTED, linewidth=2.2, alpha=0.6,
                                          transform=self.figure.dpi_scale_trans))
        else:
            self.rectangle(x, y - 0.05, 0.3, 0.1, facecolor=self.content.personas[0].colour,
                           alpha=0.2, linewidth=0)
        self._legend_text(x + mark, y, _("lowest to highest score"), _LEGEND_SIZE)

    def footer(self) -> float:
        """The legend at the bottom of the page; returns its top.

        Entries run on in rows; a group (a heading and its entries) starts a new row rather
        than break, unless it is wider than a whole row.
        """
        room = PAGE[0] - 2 * _MARGIN
        groups: list[list[LegendItem]] = []
        for item in self.legend_items():
            if item.heading or not groups:
                groups.append([])
            groups[-1].append(item)
        rows: list[list[tuple[float, LegendItem]]] = [[]]
        used = 0.0
        for group in groups:
            width = sum(item.width for item in group) + _ITEM_GAP * (len(group) - 1)
            if rows[-1] and used + _GROUP_SPACE + width > room and width <= room:
                rows.append([])
                used = 0.0
            for item in group:
                space = (_GROUP_SPACE if item is group[0] else _ITEM_GAP) if rows[-1] else 0.0
                if rows[-1] and used + space + item.width > room:
                    rows.append([])
                    used, space = 0.0, 0.0
                rows[-1].append((used + space, item))
                used += space + item.width
        step = 0.22
        for number, row in enumerate(rows):
            y = _MARGIN + (len(rows) - 1 - number) * step + 0.06
            for x, item in row:
                item.draw(_MARGIN + x, y)
        return _MARGIN + len(rows) * step + 0.04

    def lane_heights(self, total: float) -> dict[str | Lane, float]:
        """Each row's height: the emotion curve a fixed share, the rest by how full they are."""
        emotion = min(max(0.2 * total, 1.4), 2.0)
        demand = {row: self._demand(row) for row in ROWS if row != "emotion"}
        # the touchpoints are the room's whole inventory: shown whole before long card lanes
        heights = _share(demand, total - emotion, _MIN_LANE, {"touchpoints": 1.5})
        heights["emotion"] = emotion
        return heights

    def _demand(self, row: str | Lane) -> float:
        """The height the fullest cell of ``row`` needs to show everything, in inches."""
        width = self.sizes.column - 2 * _PAD
        size = self.sizes.note
        line = line_height(size)
        if row == "touchpoints":
            needs = [(layout_touchpoints(groups, width, PAGE[1], size).lines()
                      + _GROUP_GAP * len(groups)) * line
                     for groups in self.content.touchpoints]
        else:
            style = self.note_style()
            needs = [sum(len(wrap_text(note_text(note, style, self.content.personas),
                                       width - style.gutter, size, 6)[0]) * line
                         + note_gap(size) for note in notes)
                     for notes in self.content.cards[row]]
        return max(needs, default=0.0) + 2 * _PAD

    def note_style(self) -> NoteStyle:
        size = self.sizes.note
        glyph = text_width("●", size) + 0.05 if self.content.several else 0.0
        return NoteStyle(size, _TAG_WIDTH + 0.06 + glyph, self.sizes.column < _NAMES_FROM)

    def lanes(self, top: float, bottom: float) -> None:
        """Row labels, cells and the grid between ``top`` and ``bottom``."""
        heights = self.lane_heights(top - bottom)
        column, label_width = self.sizes.column, self.sizes.label_width
        self.rectangle(_MARGIN, bottom, label_width, top - bottom, facecolor=_LABEL_FILL,
                       linewidth=0)
        segments = []
        y = top
        style = self.note_style()
        for row in ROWS:
            height = heights[row]
            word = _(TOUCHPOINTS) if row == "touchpoints" else _(EMOTION) \
                if row == "emotion" else _(LANE_LABELS[row])
            name = row if isinstance(row, str) else row.value
            label = wrap_text(word, label_width - 2 * _PAD, self.sizes.label, 3, True)[0]
            self.block(_MARGIN + _PAD, y - _PAD, "\n".join(label), self.sizes.label,
                       f"lane:{name}", bold=True)
            label_height = len(label) * line_height(self.sizes.label) + _PAD
            for index, (stage_id, _stage) in enumerate(self.content.stages):
                cell = Cell(self.left + index * column + _PAD, y - _PAD,
                            column - 2 * _PAD, height - 2 * _PAD)
                gid = f"cell:{stage_id}:{name}"
                if row == "touchpoints":
                    self.place(fit_touchpoints(self.content.touchpoints[index], cell,
                                               self.sizes.note), gid)
                elif isinstance(row, Lane):
                    self.place(fit_notes(self.content.cards[row][index], cell, style,
                                         self.content.personas), gid)
            if row == "emotion":
                self.emotion(y - label_height, y - height + _PAD)
            y -= height
            segments.append([(_MARGIN, y), (PAGE[0] - _MARGIN, y)])
        for index in range(len(self.content.stages) + 1):
            x = self.left + index * column
            segments.append([(x, top), (x, bottom)])
        segments += [[(_MARGIN, top), (_MARGIN, bottom)],
                     [(PAGE[0] - _MARGIN, top), (PAGE[0] - _MARGIN, bottom)]]
        self.figure.add_artist(LineCollection(segments, colors=_BORDER, linewidths=0.6,
                                              transform=self.figure.dpi_scale_trans,
                                              zorder=1))

    def emotion(self, top: float, bottom: float) -> Axes:
        """The emotion curve across the stage columns, emotion words on the left."""
        width, height = PAGE
        count = len(self.content.stages)
        axes = self.figure.add_axes((self.left / width, bottom / height,
                                     count * self.sizes.column / width,
                                     (top - bottom) / height))
        axes.set_gid("emotion")
        axes.set_facecolor("none")
        axes.set_xlim(-0.5, count - 0.5)
        axes.set_ylim(-3.45, 3.45)
        for side in axes.spines.values():
            side.set_visible(False)
        axes.set_xticks([])
        scores = sorted(EMOTIONS)
        axes.set_yticks(scores, [scale_label(s) for s in scores], family=FONT)
        axes.tick_params(axis="y", length=0, labelsize=_WORD_SIZE, labelcolor=INK,
                         pad=_PAD * 72 + 2)
        for score in scores:
            axes.axhline(score, color=GRID, linewidth=0.6, zorder=1)
        axes.axhline(0, color=MUTED, linewidth=1.0, zorder=1)
        _curves(axes, self.content)
        return axes

    def nothing_to_map(self) -> None:
        self.text(PAGE[0] / 2, PAGE[1] / 2,
                  _("Nothing to map yet: add the stages of the journey first."), 14,
                  "empty", colour=MUTED, ha="center", va="center")

    def draw(self) -> Figure:
        top = self.header()
        if not self.content.stages:
            self.nothing_to_map()
            return self.figure
        bottom = self.footer()
        lanes_top = self.stage_row(top)
        self.lanes(lanes_top, bottom + 0.1)
        return self.figure


def _curves(axes: Axes, content: MapContent) -> None:
    """The personas' emotion curves on the map's emotion axes; each artist has a gid."""
    table = content.emotions
    stage_ids = [stage_id for stage_id, _name in content.stages]
    positions = np.arange(len(stage_ids), dtype=float)
    drawn = False
    shown = content.personas
    for number, one in enumerate(shown):
        rows = table[table["persona"] == one.id].copy()
        rows["stage"] = rows["stage"].astype(str)
        rows = rows.set_index("stage").reindex(stage_ids)
        mean = rows["mean"].to_numpy(dtype=float)
        low, high = rows["min"].to_numpy(dtype=float), rows["max"].to_numpy(dtype=float)
        if np.isnan(mean).all():
            continue
        drawn = True
        if content.several:
            # all of a stage's whiskers within the middle half of its column
            dodge = min(_DODGE, 0.5 / len(shown))
            x = positions + (number - (len(shown) - 1) / 2) * dodge
            axes.vlines(x, low, high, colors=one.colour, alpha=0.45, zorder=2,
                        linewidth=2.2 if len(shown) <= 4 else 1.4, gid=f"{one.id}:spread")
        else:
            x = positions
            axes.fill_between(x, low, high, color=one.colour, alpha=0.2, linewidth=0,
                              zorder=2, gid=f"{one.id}:spread")
        (line,) = axes.plot(x, mean, color=one.colour, marker=one.marker, linewidth=1.8,
                            markersize=5.5, zorder=3, markeredgecolor="white",
                            markeredgewidth=0.6)
        line.set_gid(one.id)
    if not drawn:
        axes.text(0.5, 0.5, _("No emotion scores yet"), transform=axes.transAxes,
                  ha="center", va="center", color=MUTED, fontsize=9, family=FONT,
                  gid="emotion:empty", bbox={"facecolor": "white", "edgecolor": "none"})


def _share(demand: dict, total: float, least: float, weight: dict) -> dict:
    """``total`` inches split between rows wanting ``demand``, none below ``least``.

    When everything fits, each row gets what it wants and an equal part of the rest, so
    the spare room spreads evenly instead of piling up in the fullest row. Otherwise a row
    gets what it wants up to a common level (times its ``weight``): short rows are shown
    whole and long rows share what is left.
    """
    wanted = {key: max(value, least) for key, value in demand.items()}
    spare = total - sum(wanted.values())
    if spare >= 0:
        return {key: value + spare / len(wanted) for key, value in wanted.items()}

    def heights(level: float) -> dict:
        return {key: max(least, min(wanted[key], weight.get(key, 1.0) * level))
                for key in wanted}

    low, high = 0.0, total
    for _step in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(heights(middle).values()) <= total else (low, middle)
    return heights(low)


def journey_map(workshop: Workshop, persona: str | None = None) -> Figure:
    """The journey map of ``workshop`` on one A3 landscape page, in the workshop's language.

    Parameters
    ----------
    workshop
        The workshop to map; one without stages gives a page saying so.
    persona
        The id of the persona to map; ``None`` overlays every persona's curve and shows every
        persona's cards, each marked with the persona's marker and short name.

    Raises
    ------
    JourneyLabError
        When the workshop has no persona ``persona``.
    """
    with language(workshop.language):
        return Page(map_content(workshop, persona)).draw()


def redraw_curves(figure: Figure, workshop: Workshop, persona: str | None = None) -> None:
    """Draw ``workshop``'s emotion curves anew on ``figure``, a map of :func:`journey_map`.

    Only the curves change: use it when nothing but the scores changed since the map was
    drawn, as while a room scores, to skip laying out every card of the map again.
    """
    axes = next((one for one in figure.axes if one.get_gid() == "emotion"), None)
    if axes is None:
        return
    for artist in [*axes.lines, *axes.collections, *axes.texts]:
        if artist.get_gid():
            artist.remove()
    with language(workshop.language):
        _curves(axes, map_content(workshop, persona))
