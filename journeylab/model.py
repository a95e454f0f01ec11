"""The vocabulary of a journey map: pydantic models with their rules, and no I/O.

A :class:`Workshop` that exists is valid: field values are checked by pydantic, and every
reference between parts (a touchpoint's stages, a score's participant, an action's insights)
is checked by :meth:`Workshop._check_references`. :func:`validate_workshop` turns anything
invalid into a :class:`~journeylab.errors.WorkshopInvalid` whose problems name the field path
and say what is wrong in the current language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationError, model_validator)
from pydantic_core import PydanticCustomError

from .errors import Problem, WorkshopInvalid
from .i18n import LANGUAGES, N_, _
from .presets import CHANNELS, FRAMEWORKS

#: The version of the workshop file format this JourneyLab writes.
SCHEMA_VERSION = 2

_FORBIDDEN = re.compile(  # invisible controls, bidi overrides, surrogates, non-characters
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff]"
)
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A score given anonymously from a phone in a room round is kept under an id that starts
#: with this and names no one: it counts in the room's curve and spread, and is listed among
#: no participants.
ANONYMOUS_PREFIX = "anonymous-"


_CUSTOM_MESSAGES = {
    "control_character": N_("contains an invisible control character (U+{code}) at position "
                            "{position}; remove it"),
    "single_line": N_("must fit on one line"),
    "id_pattern": N_("'{value}' is not a valid id: use lowercase Latin letters, digits and "
                     "single hyphens, like 'web-chat'"),
}


def _fail(kind: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, _CUSTOM_MESSAGES[kind], context)


def _clean_text(value: str) -> str:
    """Normalise text as typed anywhere: NFC, ``\\n`` line ends, no invisible controls."""
    bad = _FORBIDDEN.search(value)
    if bad:
        raise _fail("control_character", code=f"{ord(bad.group()):04X}",
                    position=bad.start() + 1)
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _single_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise _fail("single_line")
    return value


def _empty_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Text = Annotated[str, AfterValidator(_clean_text), Field(max_length=5000)]
"""Free text: a story, a description, a comment. May hold several lines."""
Label = Annotated[str, AfterValidator(_clean_text), AfterValidator(_single_line),
                  Field(max_length=200)]
"""A short single-line text: a department, an owner, an age range. May be empty."""
Name = Annotated[str, AfterValidator(_clean_text), AfterValidator(_single_line),
                 Field(min_length=1, max_length=200)]
"""A required single-line name."""
Id = Annotated[str, Field(min_length=1, max_length=40, pattern=ID_PATTERN)]
"""A stable short id, unique within its list: ``web-chat``."""
OptionalId = Annotated[Id | None, BeforeValidator(_empty_to_none)]
Number = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number: infinity and NaN cannot be written to JSON."""
Language = Literal["en", "bg", "ru", "lv", "mk"]
assert set(Language.__args__) == set(LANGUAGES)  # one list of languages


class Evidence(StrEnum):
    """Where a card comes from, weakest first: a map built on assumptions must say so."""

    ASSUMPTION = "assumption"
    WORKSHOP = "workshop"
    INTERVIEW = "interview"
    SURVEY = "survey"
    ANALYTICS = "analytics"


EVIDENCE_LABELS = {
    Evidence.ASSUMPTION: N_("Assumption"), Evidence.WORKSHOP: N_("Workshop"),
    Evidence.INTERVIEW: N_("Interview"), Evidence.SURVEY: N_("Survey"),
    Evidence.ANALYTICS: N_("Analytics"),
}


class Lane(StrEnum):
    """The rows of the map filled per stage and persona."""

    GOALS = "goals"
    ACTIONS = "actions"
    THOUGHTS = "thoughts"
    NEEDS = "needs"
    FEELINGS = "feelings"
    PAIN_POINTS = "pain_points"
    MOMENTS_OF_TRUTH = "moments_of_truth"
    OPPORTUNITIES = "opportunities"


LANE_LABELS = {
    Lane.GOALS: N_("Goals"), Lane.ACTIONS: N_("Actions (does)"),
    Lane.THOUGHTS: N_("Thoughts (thinks)"), Lane.NEEDS: N_("Needs"),
    Lane.FEELINGS: N_("Feelings"), Lane.PAIN_POINTS: N_("Pain points"),
    Lane.MOMENTS_OF_TRUTH: N_("Moments of truth"), Lane.OPPORTUNITIES: N_("Opportunities"),
}


class BlueprintLane(StrEnum):
    """The service-blueprint rows filled per stage: what the company does behind the scenes."""

    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SYSTEMS = "systems"


BLUEPRINT_LABELS = {
    BlueprintLane.FRONTSTAGE: N_("Front-stage staff actions"),
    BlueprintLane.BACKSTAGE: N_("Back-stage actions"),
    BlueprintLane.SYSTEMS: N_("Support systems"),
}


class WorkshopState(StrEnum):
    """Whether the map shows the journey as it is today or as it should become."""

    CURRENT = "current"
    FUTURE = "future"


class InsightKind(StrEnum):
    """What an insight is about."""

    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"


class ActionStatus(StrEnum):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


INSIGHT_KIND_LABELS = {InsightKind.PAIN_POINT: N_("Pain point"),
                       InsightKind.OPPORTUNITY: N_("Opportunity")}
ACTION_STATUS_LABELS = {
    ActionStatus.PLANNED: N_("planned"), ActionStatus.IN_PROGRESS: N_("in progress"),
    ActionStatus.DONE: N_("done"), ActionStatus.DROPPED: N_("dropped"),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False,
                              validate_default=False, revalidate_instances="never")


class Participant(_Model):
    """Someone in the room: scores emotions under ``id``."""

    id: Id
    name: Name
    department: Label = ""


class Stage(_Model):
    """One column of the map."""

    id: Id
    name: Name
    description: Text = ""


class Channel(_Model):
    """A channel the workshop adds to the catalogue of :data:`~journeylab.presets.CHANNELS`."""

    id: Id
    name: Name
    online: bool = True


class Touchpoint(_Model):
    """Where customer and company meet, in one channel, in one or more stages."""

    id: Id
    name: Name
    channel: Id
    online: bool = True
    owner: Label = ""
    stages: list[Id] = []
    description: Text = ""


class Demographics(_Model):
    """Who the persona is, described as an archetype (never a real person's data)."""

    age: Label = ""
    gender: Label = ""
    education: Label = ""
    income: Label = ""
    occupation: Label = ""
    location: Label = ""


class Psychographics(_Model):
    """What the persona cares about."""

    interests: Text = ""
    lifestyle: Text = ""
    values: Text = ""
    motivations: Text = ""


class Behaviour(_Model):
    """How the persona behaves: habits and devices (channels are in ``Persona.channels``)."""

    habits: Text = ""
    devices: Label = ""


class Persona(_Model):
    """An archetypal customer the map follows."""

    id: Id
    name: Name
    tagline: Label = ""
    story: Text = ""
    demographics: Demographics = Demographics()
    psychographics: Psychographics = Psychographics()
    behaviour: Behaviour = Behaviour()
    goals: list[Annotated[Text, Field(min_length=1)]] = []
    needs: list[Annotated[Text, Field(min_length=1)]] = []
    frustrations: list[Annotated[Text, Field(min_length=1)]] = []
    channels: list[Id] = []


class Card(_Model):
    """A short note on the map, with where it comes from."""

    text: Annotated[Text, Field(min_length=1, max_length=1000)]
    evidence: Evidence = Evidence.ASSUMPTION


class JourneyCell(_Model):
    """Everything the room says about one persona in one stage."""

    stage: Id
    persona: Id
    goals: list[Card] = []
    actions: list[Card] = []
    thoughts: list[Card] = []
    needs: list[Card] = []
    feelings: list[Card] = []
    pain_points: list[Card] = []
    moments_of_truth: list[Card] = []
    opportunities: list[Card] = []

    def cards(self) -> Iterator[tuple[Lane, Card]]:
        """Every card of the cell with its lane, in lane order."""
        for lane in Lane:
            for card in getattr(self, lane.value):
                yield lane, card


class BlueprintCell(_Model):
    """The service blueprint of one stage: what staff and systems do."""

    stage: Id
    frontstage: list[Card] = []
    backstage: list[Card] = []
    systems: list[Card] = []


class EmotionScore(_Model):
    """How one participant thinks a persona feels at a stage (or one touchpoint of it)."""

    participant: Id
    persona: Id
    stage: Id
    touchpoint: OptionalId = None
    score: int = Field(ge=-3, le=3)
    comment: Text = ""


class Insight(_Model):
    """A pain point or opportunity the room found, with its votes and priority."""

    id: Id
    kind: InsightKind
    title: Name
    description: Text = ""
    stage: OptionalId = None
    persona: OptionalId = None
    touchpoint: OptionalId = None
    votes: int = Field(default=0, ge=0, le=10_000)
    impact: int = Field(default=3, ge=1, le=5)
    effort: int = Field(default=3, ge=1, le=5)
    evidence: Evidence = Evidence.ASSUMPTION


class Action(_Model):
    """A decision with an owner, measured by a KPI from a baseline to a target by a date."""

    id: Id
    title: Name
    description: Text = ""
    owner: Label = ""
    kpi: Label = ""
    baseline: Annotated[Number | None, BeforeValidator(_empty_to_none)] = None
    target: Annotated[Number | None, BeforeValidator(_empty_to_none)] = None
    unit: Label = ""
    due: Annotated[dt.date | None, BeforeValidator(_empty_to_none)] = None
    status: ActionStatus = ActionStatus.PLANNED
    insights: list[Id] = []


# -- evidence from customer data ---------------------------------------------------------

class ScaleKind(StrEnum):
    """The rating scale of a survey question."""

    CSAT = "csat"
    NPS = "nps"
    CES = "ces"
    CUSTOM = "custom"


SCALE_LABELS = {
    ScaleKind.CSAT: N_("CSAT: satisfaction from 1 to 5"),
    ScaleKind.NPS: N_("NPS: likelihood to recommend from 0 to 10"),
    ScaleKind.CES: N_("CES: ease from 1 (very hard) to 7 (very easy)"),
    ScaleKind.CUSTOM: N_("Another range"),
}
#: The range each named scale has; a custom scale states its own.
SCALE_RANGES = {ScaleKind.CSAT: (1, 5), ScaleKind.NPS: (0, 10), ScaleKind.CES: (1, 7)}
MAX_SCALE_POINTS = 101


class Scale(_Model):
    """A rating scale: its kind, lowest and highest rating, and the step between ratings.

    A rating ``x`` is shown on the map's emotion scale as ``−3 + 6 · (x − low) / (high −
    low)``: the lowest rating is −3, the middle of the range 0, the highest +3.
    """

    kind: ScaleKind = ScaleKind.CSAT
    low: Number = 1
    high: Number = 5
    step: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 1

    @model_validator(mode="after")
    def _check_range(self) -> Scale:
        if self.kind in SCALE_RANGES and (self.low, self.high) != SCALE_RANGES[self.kind]:
            low, high = SCALE_RANGES[self.kind]
            raise PydanticCustomError("scale_range", _MESSAGES["scale_range"], {
                "kind": self.kind.value.upper(), "low": low, "high": high})
        points = (self.high - self.low) / self.step
        if self.high <= self.low or abs(points - round(points)) > 1e-9 \
                or round(points) + 1 > MAX_SCALE_POINTS:
            raise PydanticCustomError("scale_grid", _MESSAGES["scale_grid"], {
                "low": self.low, "high": self.high, "step": self.step,
                "most": MAX_SCALE_POINTS})
        return self

    @property
    def values(self) -> tuple[float, ...]:
        """Every rating the scale has, lowest first."""
        count = round((self.high - self.low) / self.step) + 1
        return tuple(round(self.low + n * self.step, 9) for n in range(count))

    def emotion(self, rating: float) -> float:
        """``rating`` on the map's emotion scale, from −3 to +3."""
        return -3 + 6 * (rating - self.low) / (self.high - self.low)


class SkipReason(StrEnum):
    """Why a row of an imported file could not be used."""

    NO_STAGE = "no_stage"
    UNKNOWN_STAGE = "unknown_stage"
    IGNORED_STAGE = "ignored_stage"
    NO_RATING = "no_rating"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    OFF_SCALE = "off_scale"
    BAD_DATE = "bad_date"
    MALFORMED = "malformed"


SKIP_LABELS = {
    SkipReason.NO_STAGE: N_("no stage given"),
    SkipReason.UNKNOWN_STAGE: N_("a stage label not mapped to a stage"),
    SkipReason.IGNORED_STAGE: N_("a stage label set to be left out"),
    SkipReason.NO_RATING: N_("no rating given"),
    SkipReason.NOT_A_NUMBER: N_("a rating that is not a number"),
    SkipReason.OUT_OF_RANGE: N_("a rating outside the scale"),
    SkipReason.OFF_SCALE: N_("a rating between the scale's steps"),
    SkipReason.BAD_DATE: N_("a date that cannot be read"),
    SkipReason.MALFORMED: N_("a row with more or fewer cells than the header"),
}

PersonalData = Literal["email", "phone", "card", "iban"]
"""The kinds of personal data removed from customers' comments."""


class ColumnMap(_Model):
    """Which column of a file holds what; an empty name: the file has no such column."""

    stage: Label = ""
    touchpoint: Label = ""
    persona: Label = ""
    rating: Label = ""
    comment: Label = ""
    date: Label = ""
    respondent: Label = ""


class ReadSettings(_Model):
    """How a file is read: detected on import, shown, and changeable."""

    encoding: Literal["utf-8", "utf-8-sig", "cp1251", "cp1257", "cp1252", "utf-16"] = "utf-8"
    separator: Literal[",", ";", "\t"] = ","
    decimal: Literal[".", ","] = "."
    date_format: Literal["", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y"] = ""
    sheet: Label = ""


Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]


class EvidenceCell(_Model):
    """How many customers gave each rating of the scale, for one stage (and touchpoint,
    persona and month, where the file says). Every figure of the evidence is computed from
    these counts, so the file itself is never kept."""

    stage: Id
    touchpoint: OptionalId = None
    persona: OptionalId = None
    month: Month | None = None
    counts: list[Annotated[int, Field(ge=0)]]


class Quote(_Model):
    """A customer's comment, with personal data removed, as an example for a stage."""

    stage: Id
    text: Annotated[Text, Field(min_length=1, max_length=1000)]
    rating: Number
    respondent: Annotated[str, Field(pattern=r"^(?:[0-9a-f]{16})?$")] = ""
    """Who said it, as a keyed hash: quotes of one respondent share it; empty if unknown."""


class WordCount(_Model):
    """How often a word occurs in a stage's comments."""

    word: Name
    count: int = Field(ge=1)


class StageWords(_Model):
    """The most frequent words of a stage's comments."""

    stage: Id
    words: list[WordCount] = []


class EvidenceSource(_Model):
    """One imported survey or feedback export: how it was read and mapped, and its counts.

    The file itself is never copied into the workshop: only its fingerprint, the mapping
    (so next month's export imports in one click), the rating counts, and redacted quotes
    and words.
    """

    id: Id
    name: Name
    file_name: Label = ""
    fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    imported: dt.datetime
    settings: ReadSettings = ReadSettings()
    columns: ColumnMap = ColumnMap()
    scale: Scale = Scale()
    stage_labels: dict[Label, OptionalId] = {}
    touchpoint_labels: dict[Label, OptionalId] = {}
    persona_labels: dict[Label, OptionalId] = {}
    rows: int = Field(default=0, ge=0)
    skipped: dict[SkipReason, Annotated[int, Field(ge=1)]] = {}
    redacted: dict[PersonalData, Annotated[int, Field(ge=1)]] = {}
    respondents: int = Field(default=0, ge=0)
    cells: list[EvidenceCell] = []
    quotes: list[Quote] = []
    words: list[StageWords] = []


class Workshop(_Model):
    """A whole journey-mapping workshop: what the room set out to map and what it found."""

    schema_version: Literal[2] = SCHEMA_VERSION
    title: Name
    organisation: Label = ""
    scope: Text = ""
    goal: Text = ""
    scenario: Text = ""
    date: Annotated[dt.date | None, BeforeValidator(_empty_to_none)] = None
    language: Language = "en"
    facilitator: Label = ""
    state: WorkshopState = WorkshopState.CURRENT
    framework: Id = "custom"
    participants: list[Participant] = []
    stages: list[Stage] = []
    channels: list[Channel] = []
    touchpoints: list[Touchpoint] = []
    personas: list[Persona] = []
    journey: list[JourneyCell] = []
    blueprint: list[BlueprintCell] = []
    emotions: list[EmotionScore] = []
    insights: list[Insight] = []
    actions: list[Action] = []
    evidence: list[EvidenceSource] = []

    @model_validator(mode="after")
    def _check_references(self) -> Workshop:
        problems = list(reference_problems(self))
        if problems:
            raise PydanticCustomError(
                "references", N_("{count} broken references"),
                {"count": len(problems), "problems": problems},
            )
        return self

    def channel_ids(self) -> set[str]:
        """Every channel a touchpoint or persona may name: the catalogue plus the custom ones."""
        return set(CHANNELS) | {channel.id for channel in self.channels}

    def cell(self, stage: str, persona: str) -> JourneyCell | None:
        """The journey cell of ``persona`` at ``stage``, if the room has filled it."""
        return next((c for c in self.journey if c.stage == stage and c.persona == persona),
                    None)


def _ids(items: Iterable[Any]) -> set[str]:
    return {item.id for item in items}


#: What each list of a workshop is called in a message.
LIST_LABELS = {"participants": N_("participants"), "stages": N_("stages"),
               "channels": N_("channels"), "touchpoints": N_("touchpoints"),
               "personas": N_("personas"), "insights": N_("insights"),
               "actions": N_("actions"), "evidence": N_("customer data")}


def _duplicates(name: str, items: list[Any]) -> Iterator[tuple[tuple, str]]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            yield (name, index, "id"), _("the id '{id}' is used twice in {list}",
                                         id=item.id, list=_(LIST_LABELS[name]))
        seen.add(item.id)


def is_anonymous(participant: str) -> bool:
    """Whether a score's ``participant`` is an anonymous answer from a room round."""
    return participant.startswith(ANONYMOUS_PREFIX)


def reference_problems(workshop: Workshop) -> Iterator[tuple[tuple, str]]:
    """Every broken reference in ``workshop`` as ``(location, message)``; none when valid."""
    for name in ("participants", "stages", "channels", "touchpoints", "personas", "insights",
                 "actions", "evidence"):
        yield from _duplicates(name, getattr(workshop, name))
    stages, personas = _ids(workshop.stages), _ids(workshop.personas)
    touchpoints, participants = _ids(workshop.touchpoints), _ids(workshop.participants)
    insights, channels = _ids(workshop.insights), workshop.channel_ids()
    if workshop.framework not in FRAMEWORKS:
        yield ("framework",), _("unknown stage framework '{id}'; choose one of: {choices}",
                                id=workshop.framework, choices=", ".join(FRAMEWORKS))
    for index, channel in enumerate(workshop.channels):
        if channel.id in CHANNELS:
            yield ("channels", index, "id"), _(
                "channel '{id}' is already in the catalogue; give your own channel another id",
                id=channel.id)

    def missing(kind: str, owner: str, what: str, target: str) -> str:
        return _("{kind} '{owner}' refers to {what} '{target}', which this workshop does not "
                 "have", kind=_(kind), owner=owner, what=_(what), target=target)

    for i, point in enumerate(workshop.touchpoints):
        if point.channel not in channels:
            yield ("touchpoints", i, "channel"), missing(N_("touchpoint"), point.id,
                                                         N_("channel"), point.channel)
        for j, stage in enumerate(point.stages):
            if stage not in stages:
                yield ("touchpoints", i, "stages", j), missing(N_("touchpoint"), point.id,
                                                               N_("stage"), stage)
    for i, persona in enumerate(workshop.personas):
        for j, channel in enumerate(persona.channels):
            if channel not in channels:
                yield ("personas", i, "channels", j), missing(N_("persona"), persona.id,
                                                              N_("channel"), channel)
    seen_cells: set[tuple[str, str]] = set()
    for i, cell in enumerate(workshop.journey):
        owner = f"{cell.stage}/{cell.persona}"
        if cell.stage not in stages:
            yield ("journey", i, "stage"), missing(N_("journey cell"), owner, N_("stage"),
                                                   cell.stage)
        if cell.persona not in personas:
            yield ("journey", i, "persona"), missing(N_("journey cell"), owner,
                                                     N_("persona"), cell.persona)
        if (cell.stage, cell.persona) in seen_cells:
            yield ("journey", i), _("the journey cell '{cell}' appears twice", cell=owner)
        seen_cells.add((cell.stage, cell.persona))
    seen_stages: set[str] = set()
    for i, cell in enumerate(workshop.blueprint):
        if cell.stage not in stages:
            yield ("blueprint", i, "stage"), missing(N_("blueprint"), cell.stage,
                                                     N_("stage"), cell.stage)
        if cell.stage in seen_stages:
            yield ("blueprint", i), _("the blueprint of stage '{stage}' appears twice",
                                      stage=cell.stage)
        seen_stages.add(cell.stage)
    seen_scores: set[tuple] = set()
    for i, score in enumerate(workshop.emotions):
        owner = f"{score.participant}/{score.persona}/{score.stage}"
        for field, known, what in (("participant", participants, N_("participant")),
                                   ("persona", personas, N_("persona")),
                                   ("stage", stages, N_("stage")),
                                   ("touchpoint", touchpoints, N_("touchpoint"))):
            value = getattr(score, field)
            if value is not None and value not in known and not (
                    field == "participant" and is_anonymous(value)):
                yield ("emotions", i, field), missing(N_("emotion score"), owner, what, value)
        key = (score.participant, score.persona, score.stage, score.touchpoint)
        if key in seen_scores:
            yield ("emotions", i), _("participant '{participant}' scored persona '{persona}' "
                                     "at stage '{stage}' twice", participant=score.participant,
                                     persona=score.persona, stage=score.stage)
        seen_scores.add(key)
    for i, insight in enumerate(workshop.insights):
        for field, known, what in (("stage", stages, N_("stage")),
                                   ("persona", personas, N_("persona")),
                                   ("touchpoint", touchpoints, N_("touchpoint"))):
            value = getattr(insight, field)
            if value is not None and value not in known:
                yield ("insights", i, field), missing(N_("insight"), insight.id, what, value)
    for i, action in enumerate(workshop.actions):
        for j, insight in enumerate(action.insights):
            if insight not in insights:
                yield ("actions", i, "insights", j), missing(N_("action"), action.id,
                                                             N_("insight"), insight)
    for i, source in enumerate(workshop.evidence):
        yield from _evidence_problems(source, ("evidence", i), stages, touchpoints, personas,
                                      missing)


def _evidence_problems(source: EvidenceSource, at: tuple, stages: set[str],
                       touchpoints: set[str], personas: set[str],
                       missing: Any) -> Iterator[tuple[tuple, str]]:
    """Broken references and counts of one evidence source."""
    known = {"stage": (stages, N_("stage")), "touchpoint": (touchpoints, N_("touchpoint")),
             "persona": (personas, N_("persona"))}
    for field in known:
        for label, target in getattr(source, f"{field}_labels").items():
            if target is not None and target not in known[field][0]:
                yield (*at, f"{field}_labels", label), missing(
                    N_("evidence"), source.id, known[field][1], target)
    points = len(source.scale.values)
    seen: set[tuple] = set()
    for j, cell in enumerate(source.cells):
        for field, (ids, what) in known.items():
            value = getattr(cell, field)
            if value is not None and value not in ids:
                yield (*at, "cells", j, field), missing(N_("evidence"), source.id, what, value)
        if len(cell.counts) != points:
            yield (*at, "cells", j, "counts"), _(
                "has {count} counts, but the scale has {points} ratings",
                count=len(cell.counts), points=points)
        key = (cell.stage, cell.touchpoint, cell.persona, cell.month)
        if key in seen:
            yield (*at, "cells", j), _("the same stage, touchpoint, persona and month appear "
                                       "twice")
        seen.add(key)
    for field in ("quotes", "words"):
        for j, item in enumerate(getattr(source, field)):
            if item.stage not in stages:
                yield (*at, field, j, "stage"), missing(N_("evidence"), source.id,
                                                        N_("stage"), item.stage)


# -- turning pydantic's errors into problems a facilitator can act on ------------------------

_MESSAGES: dict[str, str] = {
    "missing": N_("is required"),
    "extra_forbidden": N_("is not a field JourneyLab knows; check the spelling"),
    "string_type": N_("must be text"),
    "string_too_short": N_("must not be empty"),
    "too_short": N_("must have at least {min_length} items"),
    "string_too_long": N_("is too long: at most {max_length} characters"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "finite_number": N_("must be a finite number"),
    "bool_type": N_("must be yes or no (true or false)"),
    "bool_parsing": N_("must be yes or no (true or false)"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than_equal": N_("must be at most {le}"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be an object with named fields"),
    "model_attributes_type": N_("must be an object with named fields"),
    "dict_type": N_("must be an object with named fields"),
    "date_type": N_("must be a date like 2026-11-22"),
    "date_parsing": N_("must be a date like 2026-11-22"),
    "date_from_datetime_parsing": N_("must be a date like 2026-11-22"),
    "date_from_datetime_inexact": N_("must be a date without a time of day"),
    "literal_error": N_("must be one of: {expected}"),
    "enum": N_("must be one of: {expected}"),
    "too_long": N_("has too many items: at most {max_length}"),
    "string_pattern_mismatch": _CUSTOM_MESSAGES["id_pattern"],
    "greater_than": N_("must be greater than {gt}"),
    "scale_range": N_("a {kind} scale runs from {low} to {high}; choose another range as a "
                      "custom scale"),
    "scale_grid": N_("the scale from {low} to {high} in steps of {step} must go up in whole "
                     "steps, with at most {most} ratings"),
    "month_pattern": N_("'{value}' is not a month: write it as year-month, like 2026-11"),
    "hash_pattern": N_("'{value}' is not a fingerprint: it holds only the digits 0-9 and the "
                       "letters a-f, as JourneyLab writes it"),
    **_CUSTOM_MESSAGES,
}


def format_path(location: Iterable[Any]) -> str:
    """``('touchpoints', 3, 'stages', 0)`` → ``touchpoints[3].stages[0]``."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not str(part).startswith("function-"):
            text += f".{part}" if text else str(part)
    return text


#: Patterns other than the id's, each with the message that says what is expected.
_PATTERN_KINDS = {
    r"^\d{4}-(0[1-9]|1[0-2])$": "month_pattern",
    r"^(?:[0-9a-f]{16})?$": "hash_pattern",
    r"^[0-9a-f]{64}$": "hash_pattern",
}


def problems_from(error: ValidationError) -> list[Problem]:
    """Translate a pydantic error into :class:`Problem` s in the current language."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        context = dict(item.get("ctx") or {})
        if item["type"] == "references":
            problems.extend(Problem(format_path(loc), message)
                            for loc, message in context["problems"])
            continue
        kind = item["type"]
        if kind == "string_pattern_mismatch":
            context = {"value": item["input"]}
            kind = _PATTERN_KINDS.get(context.get("pattern", item.get("ctx", {}).get(
                "pattern")), kind)
        if kind in ("too_short", "too_long") and isinstance(item.get("input"), str):
            kind = f"string_{kind}"  # length checked after cleaning: a text, not a list
        template = _MESSAGES.get(kind)
        message = _(template, **context) if template else item["msg"]
        problems.append(Problem(format_path(item["loc"]), message))
    return problems


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a workshop file, for readers outside JourneyLab."""
    schema = Workshop.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:journeylab:workshop:v{SCHEMA_VERSION}"
    schema["title"] = "JourneyLab workshop"
    return schema


def validate_workshop(data: Any, source: Any = None) -> Workshop:
    """A :class:`Workshop` from plain data, or :class:`WorkshopInvalid` saying what and where."""
    try:
        return Workshop.model_validate(data)
    except ValidationError as error:
        raise WorkshopInvalid(problems_from(error), source) from None


# -- ids -----------------------------------------------------------------------------------

_CYRILLIC = dict(zip(  # letter → Latin, one for one
    "абвгдђѓежзѕийјклљмнњопрстћќуфхцчџшщъыьэюяёіїєґ",
    "a b v g d dj gj e zh z dz i y j k l lj m n nj o p r s t c kj u f h ts ch dzh sh sht "
    "a y  e yu ya yo i yi ye g".split(" "),
    strict=True,
))


def make_id(name: str, taken: Iterable[str] = ()) -> str:
    """A short readable id for ``name`` not in ``taken``: ``"Уеб чат"`` → ``uyeb-chat``."""
    text = "".join(_CYRILLIC.get(char, char) for char in name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[a-z0-9]+", text))[:32].strip("-") or "item"
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
