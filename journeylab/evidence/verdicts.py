"""What the ratings say, in sentences a facilitator can read out in the workshop's language.

Each sentence is one message with named placeholders, so a translator can reorder it: the
direction and size of a difference pick the message, they are not words glued into it.
A difference is *clear* when its p-value is below ``alpha``; how big it is follows Cohen
(see :data:`~journeylab.evidence.stats.EFFECT_THRESHOLDS`): a negligible clear difference
is "barely" lower, then "slightly", "clearly" and "much" lower.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import N_, _, format_number
from .stats import MIN_GROUP, Effect, Sample, anova, effect_size_word, kruskal, welch

#: Below this a p-value is written as "p < 0.001".
SMALLEST_P = 0.001

EFFECT_LABELS = {
    Effect.NEGLIGIBLE: N_("negligible effect"),
    Effect.SMALL: N_("small effect"),
    Effect.MEDIUM: N_("medium effect"),
    Effect.LARGE: N_("large effect"),
}

# A clear difference between two groups, by (first rated lower, size of the effect).
_CLEAR_DIFFERENCE = {
    (True, Effect.NEGLIGIBLE): N_("Customers rate {first} barely lower than {second}: "
                                  "difference {difference} points, {p}, negligible effect."),
    (True, Effect.SMALL): N_("Customers rate {first} slightly lower than {second}: "
                             "difference {difference} points, {p}, small effect."),
    (True, Effect.MEDIUM): N_("Customers rate {first} clearly lower than {second}: "
                              "difference {difference} points, {p}, medium effect."),
    (True, Effect.LARGE): N_("Customers rate {first} much lower than {second}: "
                             "difference {difference} points, {p}, large effect."),
    (False, Effect.NEGLIGIBLE): N_("Customers rate {first} barely higher than {second}: "
                                   "difference {difference} points, {p}, negligible effect."),
    (False, Effect.SMALL): N_("Customers rate {first} slightly higher than {second}: "
                              "difference {difference} points, {p}, small effect."),
    (False, Effect.MEDIUM): N_("Customers rate {first} clearly higher than {second}: "
                               "difference {difference} points, {p}, medium effect."),
    (False, Effect.LARGE): N_("Customers rate {first} much higher than {second}: "
                              "difference {difference} points, {p}, large effect."),
}


def format_p(p: float) -> str:
    """``p < 0.001`` for the smallest p-values, else ``p = 0.042`` (three decimals)."""
    if p < SMALLEST_P:
        return _("p < {threshold}", threshold=format_number(SMALLEST_P, 3))
    return _("p = {p}", p=format_number(p, 3, fixed=True))


def _count(n: int) -> str:
    return format_number(n, 0)


def _points(value: float) -> str:
    """A rating or a difference of ratings, with two decimals."""
    return format_number(value, 2, fixed=True)


def compare(a_name: str, a: Sample, b_name: str, b: Sample, alpha: float = 0.05) -> str:
    """Whether customers rate ``a`` lower or higher than ``b`` (Welch's t-test, Cohen's d)."""
    if min(a.n, b.n) < MIN_GROUP:
        return _("Too few ratings to compare {first} ({first_count}) and {second} "
                 "({second_count}): at least {minimum} in each are needed.",
                 first=a_name, first_count=_count(a.n), second=b_name,
                 second_count=_count(b.n), minimum=_count(MIN_GROUP))
    test = welch(a, b)
    if test.undefined is not None:  # every rating of both is one and the same value
        return _("Every rating of {first} and of {second} is {rating}: no difference.",
                 first=a_name, second=b_name, rating=_points(a.mean))
    values = {"first": a_name, "second": b_name, "difference": _points(abs(test.difference)),
              "p": format_p(test.p)}
    if test.p < alpha:
        return _(_CLEAR_DIFFERENCE[test.difference < 0, effect_size_word("d", test.d)], **values)
    return _("No clear difference between {first} and {second}: "
             "difference {difference} points, {p}.", **values)


def across(names: Sequence[str], groups: Sequence[Sample], alpha: float = 0.05) -> list[str]:
    """Whether ratings differ between stages: one-way ANOVA, checked by Kruskal–Wallis.

    Stages with fewer than :data:`MIN_GROUP` ratings are left out, and a last sentence names
    them.
    """
    named = list(zip(names, groups, strict=True))
    kept = [(name, group) for name, group in named if group.n >= MIN_GROUP]
    sentences = _differences([group for _name, group in kept], alpha)
    left_out = [_("{name} ({count})", name=name, count=_count(group.n))
                for name, group in named if group.n < MIN_GROUP]
    if left_out:
        sentences.append(_("Left out, too few ratings: {stages}.", stages=", ".join(left_out)))
    return sentences


def _differences(groups: list[Sample], alpha: float) -> list[str]:
    """The ANOVA sentence and the Kruskal–Wallis one, for groups with enough ratings."""
    if len(groups) < 2:
        return [_("Too few stages to compare: at least two need {minimum} ratings or more.",
                  minimum=_count(MIN_GROUP))]
    means, ranks = anova(groups), kruskal(groups)
    if means.undefined is not None:  # every rating is one and the same value
        return [_("Every rating in every stage is {rating}: the stages do not differ.",
                  rating=_points(groups[0].mean))]
    f, p = format_number(means.f, 2), format_p(means.p)
    differ = means.p < alpha
    if differ:
        effect = _(EFFECT_LABELS[effect_size_word("eta_squared", means.eta_squared)])
        first = _("Ratings differ between stages: F = {f}, {p}, {effect} (η² = {eta_squared}).",
                  f=f, p=p, effect=effect, eta_squared=format_number(means.eta_squared, 2,
                                                                     fixed=True))
    else:
        first = _("Ratings do not differ clearly between stages: F = {f}, {p}.", f=f, p=p)
    h, p = format_number(ranks.h, 2), format_p(ranks.p)
    if (ranks.p < alpha) == differ:
        second = _("Kruskal–Wallis agrees: H = {h}, {p}.", h=h, p=p)
    elif differ:
        second = _("Kruskal–Wallis, which compares the order of ratings rather than their "
                   "means, does not confirm it: H = {h}, {p}.", h=h, p=p)
    else:
        second = _("Kruskal–Wallis, which compares the order of ratings rather than their "
                   "means, does find a difference: H = {h}, {p}.", h=h, p=p)
    return [first, second]
