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
SCHEMA_VERSION = 1

_FORBIDDEN = re.compile(  # invisible controls, bidi overrides, surrogates, non-characters
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff]"
)
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


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


class Workshop(_Model):
    """A whole journey-mapping workshop: what the room set out to map and what it found."""

    schema_version: Literal[1] = SCHEMA_VERSION
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


def _duplicates(name: str, items: list[Any]) -> Iterator[tuple[tuple, str]]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            yield (name, index, "id"), _("the id '{id}' is used twice in {list}",
                                         id=item.id, list=name)
        seen.add(item.id)


def reference_problems(workshop: Workshop) -> Iterator[tuple[tuple, str]]:
    """Every broken reference in ``workshop`` as ``(location, message)``; none when valid."""
    for name in ("participants", "stages", "channels", "touchpoints", "personas", "insights",
                 "actions"):
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
            if value is not None and value not in known:
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
        if kind == "string_pattern_mismatch":  # the only pattern is the id's
            context = {"value": item["input"]}
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
