"""A one-screen summary of a workshop: what is in it and what stands out.

The same :class:`Summary` prints in a terminal (``journeylab summary``) and renders as HTML
in a notebook; every piece of workshop text is escaped there.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field

from .analysis import disagreements, emotion_by_stage
from .i18n import _, format_date, format_number, language
from .model import (ACTION_STATUS_LABELS, EVIDENCE_LABELS, ActionStatus, Evidence, InsightKind,
                    Workshop)
from .presets import FRAMEWORKS



@dataclass
class Summary:
    """Facts about a workshop as ``(label, value)`` rows, in the workshop's language."""

    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    stages: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The summary as plain text for a terminal."""
        width = max((len(label) for label, _value in self.facts + self.stages), default=0)
        lines = [self.title, "=" * len(self.title)]
        lines += [f"{label:<{width}}  {value}" for label, value in self.facts]
        if self.stages:
            lines += ["", _("Stages (mean emotion of the room, −3 … +3)")]
            lines += [f"{label:<{width}}  {value}" for label, value in self.stages]
        lines += [""] + [f"• {note}" for note in self.notes] if self.notes else []
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        def rows(pairs: list[tuple[str, str]]) -> str:
            return "".join(f"<tr><th scope='row'>{html.escape(k)}</th>"
                           f"<td>{html.escape(v)}</td></tr>" for k, v in pairs)
        parts = [f"<h2>{html.escape(self.title)}</h2>", f"<table>{rows(self.facts)}</table>"]
        if self.stages:
            caption = html.escape(_("Stages (mean emotion of the room, −3 … +3)"))
            parts.append(f"<table><caption>{caption}</caption>{rows(self.stages)}</table>")
        if self.notes:
            parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
                         + "</ul>")
        return "\n".join(parts)


def summarise(workshop: Workshop, language_code: str | None = None) -> Summary:
    """What ``workshop`` holds, in ``language_code`` (default: the workshop's language)."""
    with language(language_code or workshop.language):
        return _summarise(workshop)


def _summarise(workshop: Workshop) -> Summary:
    online = sum(t.online for t in workshop.touchpoints)
    cards = Counter(card.evidence for cell in workshop.journey for _lane, card in cell.cards())
    total_cards = sum(cards.values())
    filled = sum(any(True for _ in cell.cards()) for cell in workshop.journey)
    possible = len(workshop.stages) * len(workshop.personas)
    kinds = Counter(insight.kind for insight in workshop.insights)
    statuses = Counter(action.status for action in workshop.actions)
    framework = FRAMEWORKS.get(workshop.framework)
    facts = [
        (_("Organisation"), workshop.organisation),
        (_("Date"), format_date(workshop.date) if workshop.date else "—"),
        (_("Facilitator"), workshop.facilitator),
        (_("Stage framework"), framework.label() if framework else workshop.framework),
        (_("Participants"), str(len(workshop.participants))),
        (_("Personas"), " · ".join(p.name for p in workshop.personas) or "—"),
        (_("Touchpoints"), _("{total} ({online} online, {offline} offline)",
                             total=len(workshop.touchpoints), online=online,
                             offline=len(workshop.touchpoints) - online)),
        (_("Journey cells filled"), f"{filled} / {possible}"),
        (_("Cards"), ", ".join(f"{_(EVIDENCE_LABELS[level])} {cards[level]}"
                               for level in Evidence if cards[level]) or "—"),
        (_("Emotion scores"), str(len(workshop.emotions))),
        (_("Insights"), _("{pain} pain points, {opportunities} opportunities",
                          pain=kinds[InsightKind.PAIN_POINT],
                          opportunities=kinds[InsightKind.OPPORTUNITY])),
        (_("Actions"), ", ".join(f"{_(ACTION_STATUS_LABELS[s])} {statuses[s]}"
                                 for s in ActionStatus if statuses[s]) or "—"),
    ]
    facts = [(label, value) for label, value in facts if value]
    means = emotion_by_stage(workshop).groupby("stage", observed=True)["mean"].mean()
    stages = [(stage.name,
               format_number(means[stage.id], 1, fixed=True) if stage.id in means else "—")
              for stage in workshop.stages]
    notes = []
    if total_cards and cards[Evidence.ASSUMPTION] / total_cards > 0.5:
        notes.append(_("Most cards are assumptions: check them against customer evidence "
                       "before acting on them."))
    names = {s.id: s.name for s in workshop.stages} | {p.id: p.name for p in workshop.personas}
    for row in disagreements(workshop, top=2).itertuples():
        if row.spread >= 3:
            notes.append(_("The room disagrees about {persona} at {stage}: scores from {low} "
                           "to {high}.", persona=names[row.persona], stage=names[row.stage],
                           low=int(row.min), high=int(row.max)))
    return Summary(workshop.title, facts, stages, notes)
