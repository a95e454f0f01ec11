"""Suggested agendas: how a 2-hour or a half-day workshop spends its time, step by step.

The steps follow the guided notebooks, so a facilitator can keep the agenda beside the screen
and know which notebook to open next. Every name is an English message id marked with ``N_``
and translated when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_, _


@dataclass(frozen=True)
class Step:
    """One step of the workshop flow and the notebook that carries it (none for a break)."""

    id: str
    name: str
    notebook: str
    activity: str


STEPS: dict[str, Step] = {
    step.id: step
    for step in (
        Step("setup", N_("Welcome and set-up"), "00_start_here",
             N_("Agree the scope, the goal, the scenario and the stages")),
        Step("touchpoints", N_("Touchpoint inventory"), "01_touchpoints",
             N_("List every touchpoint with its channel and owner; place it in stages")),
        Step("personas", N_("Personas"), "02_personas",
             N_("Describe the personas and the channels each one uses")),
        Step("mapping", N_("Stage mapping"), "03_stage_mapping",
             N_("Per stage and persona: goals, actions, thoughts, needs, pain points")),
        Step("emotions", N_("Emotion scoring"), "04_emotion_scoring",
             N_("Everyone scores each stage; discuss where the room disagrees")),
        Step("evidence", N_("Evidence"), "05_evidence",
             N_("Compare the room's scores with what customers report")),
        Step("insights", N_("Insights and voting"), "06_insights_actions",
             N_("Name pain points and opportunities; vote; weigh impact against effort")),
        Step("actions", N_("Action plan"), "06_insights_actions",
             N_("Agree actions with owners, KPIs, targets and dates")),
        Step("handout", N_("Handout and close"), "07_handout",
             N_("Hand everyone the map; agree when to look at it again")),
        Step("break", N_("Break"), "", N_("Leave the screen; fresh eyes find more")),
    )
}


@dataclass(frozen=True)
class TimeBox:
    """A step given a number of minutes, starting ``start`` minutes into the workshop."""

    step: Step
    start: int
    minutes: int

    @property
    def end(self) -> int:
        """Minutes into the workshop when the box ends."""
        return self.start + self.minutes

    def time_range(self) -> str:
        """``0:40–1:10``: elapsed hours and minutes, the same in every language."""
        return f"{_clock(self.start)}–{_clock(self.end)}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Agenda:
    """An ordered list of time boxes filling a workshop of a given length."""

    id: str
    name: str
    boxes: tuple[TimeBox, ...]

    @property
    def minutes(self) -> int:
        """How long the whole agenda takes."""
        return self.boxes[-1].end if self.boxes else 0

    def label(self) -> str:
        """The agenda's name in the current language."""
        return _(self.name)

    def minutes_for(self, step_id: str) -> int:
        """How many minutes the agenda gives the step ``step_id`` in all."""
        return sum(box.minutes for box in self.boxes if box.step.id == step_id)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """``(time, step, notebook, what the room does)`` per box, in the current language."""
        return [(box.time_range(), _(box.step.name), box.step.notebook or "—",
                 _(box.step.activity)) for box in self.boxes]


def _agenda(agenda_id: str, name: str, plan: tuple[tuple[str, int], ...]) -> Agenda:
    boxes, start = [], 0
    for step_id, minutes in plan:
        boxes.append(TimeBox(STEPS[step_id], start, minutes))
        start += minutes
    return Agenda(agenda_id, name, tuple(boxes))


AGENDAS: dict[str, Agenda] = {
    agenda.id: agenda
    for agenda in (
        # Two hours: the map and the decisions; evidence is prepared beforehand and only shown.
        _agenda("two-hours", N_("2 hours"), (
            ("setup", 10), ("touchpoints", 15), ("personas", 10), ("mapping", 30),
            ("emotions", 15), ("evidence", 5), ("insights", 15), ("actions", 15),
            ("handout", 5))),
        # Half a day: room to argue over the map, and two breaks before attention drops.
        _agenda("half-day", N_("Half a day (4 hours)"), (
            ("setup", 20), ("touchpoints", 30), ("personas", 25), ("break", 15),
            ("mapping", 50), ("emotions", 20), ("evidence", 20), ("break", 10),
            ("insights", 25), ("actions", 20), ("handout", 5))),
    )
}

