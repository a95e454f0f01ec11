"""Statistics on customer ratings kept as histograms: intervals, tests and effect sizes.

A survey export is kept per group (stage, touchpoint, persona, month) as a :class:`Sample`,
the count of each rating value, never as the raw ratings. Every statistic here is computed
from those counts with exact rational arithmetic and rounded to a float once at the end, so
it equals the textbook formula on the raw ratings to the last digit, however many there are.

Cases a formula cannot answer give ``nan`` rather than an error or a warning, and the result
of a test says why in its ``undefined`` field (:class:`Undefined`): too few ratings, or no
spread at all (every rating the same). Groups without any rating take no part in a test.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import cached_property

from scipy import special

NAN = math.nan
#: Fewer ratings than this in a group: too few to say anything about it.
MIN_GROUP = 5
#: Net Promoter Score on the 0–10 scale: promoters rate 9 or 10, detractors 0 to 6.
PROMOTER_FROM = 9
DETRACTOR_UP_TO = 6


class Undefined(StrEnum):
    """Why a test has no p-value."""

    TOO_FEW = "too_few"  # fewer than two groups, or too few ratings to estimate a spread
    NO_SPREAD = "no_spread"  # every rating is the same value: nothing varies


class Effect(StrEnum):
    """How big a difference is, in Cohen's words."""

    NEGLIGIBLE = "negligible"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


#: Cohen's (1988) thresholds where an effect becomes small, medium and large: for Cohen's
#: ``d`` (on its absolute value), η² of an ANOVA, and ε² of a Kruskal–Wallis test, which is
#: read like η².
EFFECT_THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "d": (0.2, 0.5, 0.8),
    "eta_squared": (0.01, 0.06, 0.14),
    "epsilon_squared": (0.01, 0.06, 0.14),
}


@dataclass(frozen=True)
class Sample:
    """Ratings as a histogram: ``counts[i]`` ratings had the value ``values[i]``.

    Stored sorted by value, each value once, without zero counts, so two samples holding the
    same ratings are equal.
    """

    values: tuple[float, ...]
    counts: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.values) != len(self.counts):
            raise ValueError(f"{len(self.values)} values but {len(self.counts)} counts")
        totals: Counter[float] = Counter()
        for value, count in zip(self.values, self.counts, strict=True):
            value, count = float(value), operator.index(count)
            if not math.isfinite(value):
                raise ValueError(f"a rating must be a finite number, not {value}")
            if count < 0:
                raise ValueError(f"a count cannot be negative: {count} ratings of {value}")
            totals[value] += count
        kept = sorted((value, count) for value, count in totals.items() if count)
        object.__setattr__(self, "values", tuple(value for value, _ in kept))
        object.__setattr__(self, "counts", tuple(count for _, count in kept))

    @classmethod
    def from_values(cls, ratings: Iterable[float]) -> Sample:
        """The histogram of raw ratings."""
        totals = Counter(float(rating) for rating in ratings)
        return cls(tuple(totals), tuple(totals.values()))

    @classmethod
    def merged(cls, *samples: Sample) -> Sample:
        """All ratings of ``samples`` together, on the union of their grids."""
        return cls(tuple(v for s in samples for v in s.values),
                   tuple(c for s in samples for c in s.counts))

    def __add__(self, other: object) -> Sample:
        if not isinstance(other, Sample):
            return NotImplemented
        return Sample.merged(self, other)

    def items(self) -> Iterator[tuple[float, int]]:
        """``(value, count)`` pairs, by value."""
        return zip(self.values, self.counts, strict=True)

    @property
    def n(self) -> int:
        """How many ratings."""
        return sum(self.counts)

    @cached_property
    def _exact(self) -> tuple[Fraction, Fraction]:
        """Exact mean ``Σcᵢvᵢ / n`` and squared deviations ``Σcᵢ(vᵢ − x̄)²`` (0, 0 if n = 0)."""
        if not self.counts:
            return Fraction(0), Fraction(0)
        exact = [(Fraction(value), count) for value, count in self.items()]
        mean = sum((c * v for v, c in exact), Fraction(0)) / self.n
        squares = sum((c * (v - mean) ** 2 for v, c in exact), Fraction(0))
        return mean, squares

    @property
    def mean(self) -> float:
        """The mean rating ``Σcᵢvᵢ / n``; ``nan`` without ratings."""
        return float(self._exact[0]) if self.n else NAN

    @property
    def variance(self) -> float:
        """The sample variance ``Σcᵢ(vᵢ − x̄)² / (n − 1)``; ``nan`` for fewer than 2 ratings."""
        return float(_variance(self)) if self.n >= 2 else NAN

    @property
    def sd(self) -> float:
        """The sample standard deviation, the square root of :attr:`variance`."""
        return math.sqrt(self.variance)


def _variance(sample: Sample) -> Fraction:
    """Exact sample variance (ddof = 1) of a sample of at least two ratings."""
    return sample._exact[1] / (sample.n - 1)


def _signed_root(square: Fraction, sign: Fraction) -> float:
    """``±√square`` with the sign of ``sign``, rounded once from the exact square."""
    return math.copysign(math.sqrt(float(square)), sign)


def _upper_tail(level: float) -> float:
    """The quantile bounding a two-sided ``level`` interval from above: ``(1 + level) / 2``."""
    if not 0 < level < 1:
        raise ValueError(f"the confidence level must be between 0 and 1, not {level}")
    return (1 + level) / 2


def mean_interval(sample: Sample, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval of the mean rating: ``x̄ ± t(n−1, (1+level)/2) · s / √n``.

    ``(nan, nan)`` for fewer than 2 ratings; ``(x̄, x̄)`` when every rating is the same.
    """
    upper = _upper_tail(level)
    if sample.n < 2:
        return NAN, NAN
    standard_error = math.sqrt(float(_variance(sample) / sample.n))
    half = float(special.stdtrit(sample.n - 1, upper)) * standard_error
    return sample.mean - half, sample.mean + half


def proportion_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``x / n``, within ``[0, 1]``.

    ``(x + z²/2) / (n + z²) ± z / (n + z²) · √(x(n − x)/n + z²/4)``; ``(0, 1)`` when n = 0.
    """
    successes, n = operator.index(successes), operator.index(n)
    if not 0 <= successes <= n:
        raise ValueError(f"{successes} successes out of {n} is not a proportion")
    z = float(special.ndtri(_upper_tail(level)))
    if not n:
        return 0.0, 1.0
    spread = successes * (n - successes) / n
    centre = (successes + z * z / 2) / (n + z * z)
    half = z / (n + z * z) * math.sqrt(spread + z * z / 4)
    # none and all successes reach 0 and 1 exactly, which rounding would miss
    return (0.0 if successes == 0 else max(0.0, centre - half),
            1.0 if successes == n else min(1.0, centre + half))


def _nps_shares(sample: Sample) -> tuple[float, float]:
    """The shares of promoters and detractors of a sample on the 0–10 scale."""
    if any(v not in range(11) for v in sample.values):
        raise ValueError("the Net Promoter Score needs ratings on the whole numbers 0 to 10")
    promoters = sum(c for v, c in sample.items() if v >= PROMOTER_FROM)
    detractors = sum(c for v, c in sample.items() if v <= DETRACTOR_UP_TO)
    return promoters / sample.n, detractors / sample.n


def nps(sample: Sample) -> float:
    """Net Promoter Score: ``100 · (promoters − detractors) / n``, −100 to 100; nan if n = 0."""
    if not sample.n:
        return NAN
    promoters, detractors = _nps_shares(sample)
    return 100 * (promoters - detractors)


def nps_interval(sample: Sample, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval of the NPS from the multinomial variance, within ``[−100, 100]``.

    ``NPS ± z · 100 · √((p + d − (p − d)²) / n)``, with p and d the shares of promoters and
    detractors; ``(nan, nan)`` without ratings.
    """
    z = float(special.ndtri(_upper_tail(level)))
    if not sample.n:
        return NAN, NAN
    promoters, detractors = _nps_shares(sample)
    variance = max(0.0, promoters + detractors - (promoters - detractors) ** 2) / sample.n
    score, half = nps(sample), z * 100 * math.sqrt(variance)
    return max(-100.0, score - half), min(100.0, score + half)


@dataclass(frozen=True)
class Welch:
    """Welch's two-sided t-test of two groups, and the size of their difference."""

    t: float
    df: float
    p: float
    difference: float  # mean of a − mean of b
    d: float  # Cohen's d: the difference over √((s_a² + s_b²) / 2)
    n_a: int
    n_b: int
    undefined: Undefined | None = None


def welch(a: Sample, b: Sample) -> Welch:
    """Welch's t-test: are the mean ratings of ``a`` and ``b`` different?

    ``t = (x̄a − x̄b) / √(s²a/na + s²b/nb)``, ``p = 2 · T_df(−|t|)`` with Welch–Satterthwaite's
    ``df = (s²a/na + s²b/nb)² / ((s²a/na)² / (na − 1) + (s²b/nb)² / (nb − 1))``.
    Needs 2 ratings per group. Two groups without spread but with different means are as far
    apart as can be: t and d are infinite, p is 0, df is nan.
    """
    exact_difference = a._exact[0] - b._exact[0]
    difference = float(exact_difference) if a.n and b.n else NAN
    if a.n < 2 or b.n < 2:
        return Welch(NAN, NAN, NAN, difference, NAN, a.n, b.n, Undefined.TOO_FEW)
    variance_a, variance_b = _variance(a), _variance(b)
    squared_error = variance_a / a.n + variance_b / b.n
    if not squared_error:
        if not exact_difference:
            return Welch(NAN, NAN, NAN, difference, NAN, a.n, b.n, Undefined.NO_SPREAD)
        infinite = math.copysign(math.inf, exact_difference)
        return Welch(infinite, NAN, 0.0, difference, infinite, a.n, b.n)
    t = _signed_root(exact_difference ** 2 / squared_error, exact_difference)
    df = float(squared_error ** 2 / ((variance_a / a.n) ** 2 / (a.n - 1)
                                     + (variance_b / b.n) ** 2 / (b.n - 1)))
    average_variance = (variance_a + variance_b) / 2
    d = (_signed_root(exact_difference ** 2 / average_variance, exact_difference)
         if average_variance else math.copysign(math.inf, exact_difference))
    p = float(2 * special.stdtr(df, -abs(t)))
    return Welch(t, df, p, difference, d, a.n, b.n)


@dataclass(frozen=True)
class Anova:
    """One-way analysis of variance across groups."""

    f: float
    df_between: int
    df_within: int
    p: float
    eta_squared: float  # share of the total variation that lies between the groups
    n: int
    undefined: Undefined | None = None


def anova(groups: Sequence[Sample]) -> Anova:
    """One-way ANOVA: do the mean ratings of the groups differ?

    ``F = (SSb / (k − 1)) / (SSw / (N − k))`` with ``SSb = Σ nᵢ(x̄ᵢ − x̄)²`` and ``SSw`` the
    squared deviations within groups; ``p = 1 − F_{k−1, N−k}(F)``; ``η² = SSb / (SSb + SSw)``.
    Groups without spread but with different means give F = ∞ and p = 0.
    """
    rated = [group for group in groups if group.n]
    n, k = sum(group.n for group in rated), len(rated)
    df_between, df_within = max(k - 1, 0), max(n - k, 0)
    total = Sample.merged(*rated)
    within = sum((group._exact[1] for group in rated), Fraction(0))
    between = sum((group.n * (group._exact[0] - total._exact[0]) ** 2 for group in rated),
                  Fraction(0))
    spread = within + between
    eta_squared = float(between / spread) if spread else NAN
    reason = (Undefined.TOO_FEW if k < 2 or not df_within
              else Undefined.NO_SPREAD if not spread else None)
    if reason:
        return Anova(NAN, df_between, df_within, NAN, eta_squared, n, reason)
    if not within:
        return Anova(math.inf, df_between, df_within, 0.0, eta_squared, n)
    f = float((between / df_between) / (within / df_within))
    return Anova(f, df_between, df_within, float(special.fdtrc(df_between, df_within, f)),
                 eta_squared, n)


@dataclass(frozen=True)
class Kruskal:
    """Kruskal–Wallis H-test across groups: the rank-based counterpart of the ANOVA."""

    h: float
    df: int
    p: float
    epsilon_squared: float  # H / (N − 1), read like η²
    n: int
    undefined: Undefined | None = None


def kruskal(groups: Sequence[Sample]) -> Kruskal:
    """Kruskal–Wallis test with the correction for ties: do the groups' ratings differ?

    Tied ratings share their average rank. ``H = (12 / (N(N + 1)) · Σ Rᵢ² / nᵢ − 3(N + 1)) / C``
    with ``Rᵢ`` the rank sum of group i and ``C = 1 − Σ(t³ − t) / (N³ − N)`` over the ties t;
    ``p = 1 − χ²_{k−1}(H)``; ``ε² = H / (N − 1)``.
    """
    rated = [group for group in groups if group.n]
    n, k = sum(group.n for group in rated), len(rated)
    df = max(k - 1, 0)
    total = Sample.merged(*rated)
    if k < 2 or len(total.values) < 2:
        return Kruskal(NAN, df, NAN, NAN, n, Undefined.TOO_FEW if k < 2 else Undefined.NO_SPREAD)
    ranks, below = {}, 0
    for value, count in total.items():
        ranks[value] = below + Fraction(count + 1, 2)
        below += count
    rank_sums = [sum(c * ranks[v] for v, c in group.items()) for group in rated]
    uncorrected = (Fraction(12, n * (n + 1))
                   * sum(r * r / g.n for r, g in zip(rank_sums, rated, strict=True))
                   - 3 * (n + 1))
    ties = 1 - Fraction(sum(t ** 3 - t for t in total.counts), n ** 3 - n)
    h = float(uncorrected / ties)
    return Kruskal(h, df, float(special.chdtrc(df, h)), h / (n - 1), n)


def effect_size_word(kind: str, value: float) -> Effect:
    """How big an effect of ``kind`` (a key of :data:`EFFECT_THRESHOLDS`) of ``value`` is.

    A value at a threshold takes that threshold's word; ``nan`` (nothing measured) counts as
    negligible.
    """
    if kind not in EFFECT_THRESHOLDS:
        raise ValueError(f"unknown effect size {kind!r}; choose one of: "
                         + ", ".join(EFFECT_THRESHOLDS))
    small, medium, large = EFFECT_THRESHOLDS[kind]
    size = abs(value)
    if size >= large:
        return Effect.LARGE
    if size >= medium:
        return Effect.MEDIUM
    return Effect.SMALL if size >= small else Effect.NEGLIGIBLE
