"""What the customer evidence says, in sentences: which differences are real.

Across stages, one-way ANOVA checked by Kruskal–Wallis; then Welch's t-test between the
lowest and highest rated stage, persona, touchpoint channel kind (online or offline) and
between the first and last month with ratings. Each sentence is in the workshop's language
and says when groups are too small to tell.
"""

from __future__ import annotations

from ..i18n import _, format_month
from ..model import EvidenceSource, Workshop
from .measures import samples
from .stats import MIN_GROUP, Sample
from .verdicts import across, compare


def _extremes(named: dict[str, Sample]) -> list[str]:
    """Lowest against highest rated of ``named``, if two have enough ratings."""
    enough = {name: sample for name, sample in named.items() if sample.n >= MIN_GROUP}
    if len(enough) < 2:
        return []
    ranked = sorted(enough, key=lambda name: enough[name].mean)
    low, high = ranked[0], ranked[-1]
    return [compare(low, enough[low], high, enough[high])]


def _month(month: str) -> str:
    """``2026-11`` as the language names the month."""
    year, number = month.split("-")
    return format_month(int(year), int(number))


def findings(workshop: Workshop, source: EvidenceSource) -> list[str]:
    """The sentences that sum up ``source``'s ratings, most general first."""
    stage_names = {s.id: s.name for s in workshop.stages}
    by_stage = {stage_names[key[0]]: sample for key, sample in samples(source, ("stage",))
                .items()}
    ordered = [s.name for s in workshop.stages if s.name in by_stage]
    said = across(ordered, [by_stage[name] for name in ordered]) if len(ordered) > 1 else []
    said += _extremes(by_stage)
    persona_names = {p.id: p.name for p in workshop.personas}
    said += _extremes({persona_names[key[0]]: sample
                       for key, sample in samples(source, ("persona",)).items() if key[0]})
    online = {t.id: t.online for t in workshop.touchpoints}
    kinds: dict[str, Sample] = {}
    for (touchpoint,), sample in samples(source, ("touchpoint",)).items():
        if touchpoint:
            kind = _("online touchpoints") if online[touchpoint] else _("offline touchpoints")
            kinds[kind] = kinds[kind] + sample if kind in kinds else sample
    said += _extremes(kinds) if len(kinds) == 2 else []
    months = {key[0]: sample for key, sample in samples(source, ("month",)).items()
              if key[0] and sample.n >= MIN_GROUP}
    if len(months) >= 2:
        first, last = min(months), max(months)
        said.append(compare(_month(last), months[last], _month(first), months[first]))
    return said
