"""Statistics from rating histograms equal scipy's on the raw ratings; verdicts read right."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st

from journeylab import catalogue, i18n
from journeylab.evidence.stats import (
    MIN_GROUP,
    Effect,
    Sample,
    Undefined,
    anova,
    effect_size_word,
    kruskal,
    mean_interval,
    nps,
    nps_interval,
    proportion_interval,
    welch,
)
from journeylab.evidence.verdicts import across, compare, format_p
from journeylab.i18n import format_number, language

#: The grids survey exports rate on.
GRIDS = {
    "CSAT 1–5": (1, 2, 3, 4, 5),
    "NPS 0–10": tuple(range(11)),
    "CES 1–7": tuple(range(1, 8)),
    "1–5 in halves": tuple(1 + step / 2 for step in range(9)),
}
REL = 1e-9
#: A few hundred units of rounding: scipy subtracts sums (means, sums of squares, rank sums)
#: much larger than their difference, and its result is that far off.
ROUNDING = 1e-13


@st.composite
def samples(draw: st.DrawFn, grid: tuple[float, ...] | None = None) -> Sample:
    """A histogram on ``grid`` (or a drawn one): often sparse, sometimes with many ratings."""
    grid = draw(st.sampled_from(list(GRIDS.values()))) if grid is None else grid
    count = st.just(0) | st.integers(0, 12) | st.integers(0, 3000)
    return Sample(grid, tuple(draw(st.lists(count, min_size=len(grid), max_size=len(grid)))))


@st.composite
def groups_of_samples(draw: st.DrawFn) -> list[Sample]:
    """2 to 5 groups, mostly on one grid, sometimes each on its own (merged for the tests)."""
    grid = draw(st.none() | st.sampled_from(list(GRIDS.values())))
    return draw(st.lists(samples(grid), min_size=2, max_size=5))


def raw(sample: Sample) -> np.ndarray:
    return np.repeat(np.asarray(sample.values), sample.counts)


def scipy_on_raw(test: Callable, *groups: Sample):
    """scipy's answer on the raw ratings, silencing what it says about inputs it handles."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return test(*(raw(group) for group in groups))


def close(ours: float, theirs: float, slack: float = 0.0) -> bool:
    """Equal up to ``REL``, or up to ``slack`` where scipy's own rounding is larger."""
    return ours == pytest.approx(float(theirs), rel=REL, abs=slack)


def p_agrees(ours: float, p_of: Callable[[float], float], theirs: float, slack: float) -> bool:
    """Our p is what scipy's p-function ``p_of`` gives for a statistic within ``slack`` of
    scipy's statistic ``theirs`` (the p of a test whose statistic scipy rounded)."""
    ends = sorted(float(p_of(max(theirs + step, 0.0))) for step in (-slack, slack))
    return ends[0] * (1 - REL) <= ours <= ends[1] * (1 + REL)


@pytest.fixture
def strict_numpy() -> Iterator[None]:
    """Any floating-point trouble in numpy raises (warnings already do, for the whole suite)."""
    with np.errstate(all="raise"):
        yield


# --- Sample -------------------------------------------------------------------------------


@given(samples())
def test_sample_moments_equal_numpy_on_raw_ratings(sample: Sample) -> None:
    values = raw(sample)
    assert sample.n == values.size
    if sample.n:
        assert close(sample.mean, values.mean())
    if sample.n >= 2:
        assert close(sample.variance, values.var(ddof=1), slack=ROUNDING)
        assert close(sample.sd, values.std(ddof=1), slack=1e-9)


@given(samples(), samples())
def test_merging_puts_all_ratings_together_on_the_union_of_grids(a: Sample, b: Sample) -> None:
    merged = a + b
    assert merged == Sample.merged(a, b) == Sample.from_values([*raw(a), *raw(b)])
    assert merged.n == a.n + b.n
    assert list(merged.values) == sorted(set(a.values) | set(b.values))


def test_sample_keeps_each_value_once_in_order_without_zero_counts() -> None:
    sample = Sample((3, 1, 3, 2), (2, 1, 1, 0))
    assert sample == Sample((1.0, 3.0), (1, 3)) == Sample.from_values([3, 1, 3, 3])
    assert (sample.n, sample.mean) == (4, 2.5)


@pytest.mark.parametrize(("values", "counts"), [
    ((1, 2), (1,)), ((1,), (-1,)), ((math.nan,), (1,)), ((math.inf,), (1,)), ((1,), (1.5,)),
])
def test_sample_refuses_what_is_not_a_histogram(values, counts) -> None:
    with pytest.raises((ValueError, TypeError)):
        Sample(values, counts)


def test_moments_of_too_few_ratings_are_nan(strict_numpy) -> None:
    empty, single = Sample((), ()), Sample((4,), (1,))
    assert empty.n == 0 and math.isnan(empty.mean) and math.isnan(empty.variance)
    assert single.mean == 4 and math.isnan(single.variance) and math.isnan(single.sd)
    assert Sample((4.5,), (7,)).variance == 0


# --- Welch --------------------------------------------------------------------------------


@given(samples(), samples())
def test_welch_equals_scipy(a: Sample, b: Sample) -> None:
    theirs = scipy_on_raw(lambda x, y: scipy.stats.ttest_ind(x, y, equal_var=False), a, b)
    assume(not math.isnan(theirs.pvalue))
    ours = welch(a, b)
    assert ours.undefined is None and (ours.n_a, ours.n_b) == (a.n, b.n)
    # scipy subtracts two means it rounded: its t is only as exact as that difference
    error = math.sqrt(a.variance / a.n + b.variance / b.n)
    slack = ROUNDING * (a.mean + b.mean) / error if error else 0.0
    assert close(ours.t, theirs.statistic, slack)
    assert close(ours.p, theirs.pvalue, slack)  # |dp/dt| < 1
    assert close(ours.difference, raw(a).mean() - raw(b).mean(), ROUNDING * (a.mean + b.mean))
    if error:  # without any spread scipy reports an arbitrary df of 1; ours is nan
        assert close(ours.df, theirs.df)


@given(samples(), samples())
def test_cohens_d_uses_the_average_of_the_two_variances(a: Sample, b: Sample) -> None:
    assume(a.n >= 2 and b.n >= 2 and a.variance + b.variance > 0)
    spread = math.sqrt((raw(a).var(ddof=1) + raw(b).var(ddof=1)) / 2)
    assert close(welch(a, b).d, (raw(a).mean() - raw(b).mean()) / spread, slack=1e-12)


@pytest.mark.parametrize(("a", "b"), [
    (Sample((), ()), Sample((1, 2), (3, 3))),
    (Sample((4,), (1,)), Sample((1, 2), (3, 3))),
    (Sample((4,), (1,)), Sample((2,), (1,))),
])
def test_welch_of_a_group_below_two_ratings_is_undefined(a, b, strict_numpy) -> None:
    for result in welch(a, b), welch(b, a):
        assert result.undefined is Undefined.TOO_FEW
        assert all(math.isnan(x) for x in (result.t, result.df, result.p, result.d))
    assert math.isnan(welch(a, b).difference) == (a.n == 0)


def test_welch_without_any_spread(strict_numpy) -> None:
    same = welch(Sample((4,), (6,)), Sample((4,), (9,)))
    assert same.undefined is Undefined.NO_SPREAD and same.difference == 0
    assert all(math.isnan(x) for x in (same.t, same.df, same.p, same.d))
    apart = welch(Sample((2,), (6,)), Sample((4.5,), (9,)))
    assert apart.undefined is None and (apart.t, apart.p, apart.d) == (-math.inf, 0, -math.inf)
    assert apart.difference == -2.5 and math.isnan(apart.df)
    one_spread = welch(Sample((3,), (6,)), Sample((2, 4), (5, 5)))
    assert (one_spread.t, one_spread.p, one_spread.df) == (0, 1, 9)


# --- ANOVA and Kruskal–Wallis -------------------------------------------------------------


@given(groups_of_samples())
def test_anova_equals_scipy(groups: list[Sample]) -> None:
    theirs = scipy_on_raw(scipy.stats.f_oneway, *groups)
    assume(not math.isnan(theirs.pvalue))
    ours = anova(groups)
    assert ours.undefined is None
    assert (ours.df_between, ours.df_within) == (len(groups) - 1, ours.n - len(groups))
    # scipy takes the squares within groups as the total less those between: off by rounding
    # on the total, which F divides by the squares within
    values = np.concatenate([raw(group) for group in groups])
    within = sum(((raw(group) - group.mean) ** 2).sum() for group in groups)
    total = ((values - values.mean()) ** 2).sum()
    slack = ROUNDING * total / within * (ours.df_within / ours.df_between + ours.f) if within else 0
    assert close(ours.f, theirs.statistic, slack)
    assert p_agrees(ours.p, lambda f: scipy.stats.f.sf(f, ours.df_between, ours.df_within),
                    theirs.statistic, slack)
    assert close(ours.eta_squared, 1 - within / total, slack=ROUNDING * total / within
                 if within else 0)


@given(groups_of_samples())
def test_kruskal_equals_scipy(groups: list[Sample]) -> None:
    assume(all(group.n for group in groups))  # scipy refuses a group without ratings
    # every rating the same makes H = 0 / 0: scipy says nan, or inf when rounding leaves a
    # little above zero (1206 ratings of 5 in two groups give H = inf, p = 0)
    assume(len(Sample.merged(*groups).values) > 1)
    theirs = scipy_on_raw(scipy.stats.kruskal, *groups)
    ours = kruskal(groups)
    assert ours.undefined is None and ours.df == len(groups) - 1
    # scipy's H is the difference of two terms near 3(N + 1), divided by the tie correction
    n = ours.n
    ties = scipy.stats.tiecorrect(scipy.stats.rankdata(np.concatenate([raw(g) for g in groups])))
    slack = ROUNDING * 3 * (n + 1) / ties
    assert close(ours.h, theirs.statistic, slack)
    assert p_agrees(ours.p, lambda h: scipy.stats.chi2.sf(h, ours.df), theirs.statistic, slack)
    assert close(ours.epsilon_squared, ours.h / (n - 1))


@given(groups_of_samples())
def test_groups_without_ratings_take_no_part(groups: list[Sample]) -> None:
    with_empty = [Sample((), ()), *groups, Sample((3,), (0,))]
    assert anova(with_empty) == anova(groups)
    assert kruskal(with_empty) == kruskal(groups)


@pytest.mark.parametrize("groups", [
    [], [Sample((), ())], [Sample((1, 2, 5), (3, 4, 5))], [Sample((1, 2), (3, 4)), Sample((), ())],
])
def test_fewer_than_two_groups_cannot_be_compared(groups, strict_numpy) -> None:
    means, ranks = anova(groups), kruskal(groups)
    assert means.undefined is ranks.undefined is Undefined.TOO_FEW
    assert all(math.isnan(x) for x in (means.f, means.p, ranks.h, ranks.p, ranks.epsilon_squared))


def test_anova_of_single_ratings_has_no_spread_within_to_test_against(strict_numpy) -> None:
    result = anova([Sample((1,), (1,)), Sample((4,), (1,)), Sample((5,), (1,))])
    assert result.undefined is Undefined.TOO_FEW and result.df_within == 0
    assert math.isnan(result.f) and math.isnan(result.p) and result.eta_squared == 1


def test_no_spread_across_groups(strict_numpy) -> None:
    same = [Sample((4,), (5,)), Sample((4,), (8,)), Sample((4,), (1,))]
    assert anova(same).undefined is kruskal(same).undefined is Undefined.NO_SPREAD
    assert math.isnan(anova(same).p) and math.isnan(kruskal(same).p)
    many = [Sample((5,), (603,)), Sample((5,), (603,))]  # scipy's rounding makes H = inf here
    assert kruskal(many).undefined is Undefined.NO_SPREAD and math.isnan(kruskal(many).h)
    apart = [Sample((2,), (5,)), Sample((4,), (8,))]
    means = anova(apart)
    assert (means.f, means.p, means.eta_squared, means.undefined) == (math.inf, 0, 1, None)
    assert kruskal(apart).undefined is None  # ranks still differ, tied within each group


# --- Intervals ----------------------------------------------------------------------------


@given(samples(), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_mean_interval_equals_scipy(sample: Sample, level: float) -> None:
    values = raw(sample)
    assume(values.size >= 2 and sample.variance > 0)  # scipy needs a positive scale
    theirs = scipy.stats.t.interval(level, values.size - 1, loc=values.mean(),
                                    scale=scipy.stats.sem(values))
    ours = mean_interval(sample, level)
    assert close(ours[0], theirs[0], slack=1e-12) and close(ours[1], theirs[1], slack=1e-12)


def test_mean_interval_of_too_few_or_equal_ratings(strict_numpy) -> None:
    assert all(math.isnan(x) for x in mean_interval(Sample((), ())))
    assert all(math.isnan(x) for x in mean_interval(Sample((3,), (1,))))
    assert mean_interval(Sample((3.5,), (40,))) == (3.5, 3.5)
    with pytest.raises(ValueError, match="confidence level"):
        mean_interval(Sample((3,), (1,)), level=95)


def test_wilson_interval_of_a_textbook_example() -> None:
    # 81 of 263 at 95 %: z = 1.959964, z² = 3.841459; centre (81 + 1.920729) / 266.841459
    # = 0.310748, half-width 1.959964 / 266.841459 · √(81 · 182 / 263 + 0.960365) = 0.055460
    low, high = proportion_interval(81, 263)
    assert low == pytest.approx(0.255288, abs=1e-6)
    assert high == pytest.approx(0.366210, abs=1e-6)


@given(st.integers(0, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_interval_holds_the_proportions_a_score_test_keeps(case, level) -> None:
    successes, n = case
    low, high = proportion_interval(successes, n, level)
    if not n:
        assert (low, high) == (0, 1)
        return
    share, z = successes / n, scipy.stats.norm.ppf((1 + level) / 2)
    assert 0 <= low <= share <= high <= 1
    assert (low == 0) == (successes == 0) and (high == 1) == (successes == n)
    # each bound inside (0, 1) is a p where the score test sits right on its critical value
    for bound in {low, high} - {0.0, 1.0}:
        assert (share - bound) ** 2 == pytest.approx(z * z * bound * (1 - bound) / n, rel=1e-6)
    wider = proportion_interval(successes, n, 0.999)
    assert wider[0] <= low and high <= wider[1]


def test_wilson_interval_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError):
        proportion_interval(5, 4)


def test_nps_of_a_hand_checked_example() -> None:
    # 50 promoters, 30 passives, 20 detractors: NPS 30; variance (0.5 + 0.2 − 0.3²) / 100
    # = 0.0061, half-width 1.959964 · 100 · √0.0061 = 15.3078
    sample = Sample((10, 7, 3), (50, 30, 20))
    assert nps(sample) == pytest.approx(30)
    assert nps_interval(sample) == pytest.approx((14.6922, 45.3078), abs=1e-4)


@given(samples(GRIDS["NPS 0–10"]))
def test_nps_interval_uses_the_multinomial_variance(sample: Sample) -> None:
    values = raw(sample)
    assume(values.size)
    # promoter minus detractor, per customer: its mean is the NPS, its variance the multinomial
    votes = (values >= 9).astype(float) - (values <= 6)
    assert close(nps(sample), 100 * votes.mean(), slack=1e-12)
    low, high = nps_interval(sample)
    assert -100 <= low <= nps(sample) <= high <= 100
    half = scipy.stats.norm.ppf(0.975) * 100 * votes.std() / math.sqrt(values.size)
    if -100 < low and high < 100:
        assert close(high - low, 2 * half, slack=1e-9)


def test_nps_needs_the_zero_to_ten_scale(strict_numpy) -> None:
    assert math.isnan(nps(Sample((), ()))) and all(math.isnan(x)
                                                  for x in nps_interval(Sample((), ())))
    with pytest.raises(ValueError, match="0 to 10"):
        nps(Sample((4.5,), (3,)))


# --- Effect sizes -------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "value", "effect"), [
    ("d", 0.19, Effect.NEGLIGIBLE), ("d", 0.2, Effect.SMALL), ("d", -0.5, Effect.MEDIUM),
    ("d", 0.79, Effect.MEDIUM), ("d", -0.8, Effect.LARGE), ("d", -math.inf, Effect.LARGE),
    ("d", math.nan, Effect.NEGLIGIBLE), ("eta_squared", 0.0099, Effect.NEGLIGIBLE),
    ("eta_squared", 0.01, Effect.SMALL), ("eta_squared", 0.06, Effect.MEDIUM),
    ("eta_squared", 0.14, Effect.LARGE), ("epsilon_squared", 0.059, Effect.SMALL),
    ("epsilon_squared", 1.0, Effect.LARGE),
])
def test_effect_sizes_follow_cohen(kind: str, value: float, effect: Effect) -> None:
    assert effect_size_word(kind, value) is effect


def test_unknown_effect_size_is_refused() -> None:
    with pytest.raises(ValueError, match="eta_squared"):
        effect_size_word("r", 0.3)


# --- Verdicts -----------------------------------------------------------------------------

SPREAD = Sample((1, 2, 3, 4, 5), (200, 400, 800, 400, 200))  # sd ≈ 1.1, 2000 ratings
DELIVERY = Sample((1, 2, 3, 4, 5), (10, 20, 40, 20, 10))
PURCHASE = Sample((1, 2, 3, 4, 5), (3, 10, 30, 40, 17))


def shifted(sample: Sample, by: float) -> Sample:
    return Sample(tuple(value + by for value in sample.values), sample.counts)


@pytest.mark.parametrize(("shift", "adverb", "effect"), [
    (0.1, "barely", "negligible"), (0.4, "slightly", "small"), (0.7, "clearly", "medium"),
    (1.0, "much", "large"),
])
def test_a_clear_difference_is_worded_by_its_size(shift: float, adverb: str, effect: str) -> None:
    lower = compare("Delivery", SPREAD, "Purchase", shifted(SPREAD, shift))
    assert lower.startswith(f"Customers rate Delivery {adverb} lower than Purchase: difference "
                            f"{format_number(shift, 2, fixed=True)} points, p ")
    assert lower.endswith(f", {effect} effect.")
    higher = compare("Purchase", shifted(SPREAD, shift), "Delivery", SPREAD)
    assert higher.startswith(f"Customers rate Purchase {adverb} higher than Delivery")


def test_compare_reads_like_a_sentence() -> None:
    assert compare("Delivery", DELIVERY, "Purchase", PURCHASE) == (
        "Customers rate Delivery clearly lower than Purchase: difference 0.58 points, "
        "p < 0.001, medium effect.")
    close_to_delivery = Sample((1, 2, 3, 4, 5), (9, 21, 40, 20, 10))
    assert compare("Delivery", DELIVERY, "Purchase", close_to_delivery) == (
        "No clear difference between Delivery and Purchase: difference 0.01 points, "
        "p = 0.949.")


def test_compare_needs_enough_ratings_in_both() -> None:
    too_few = Sample((3, 4), (1, MIN_GROUP - 2))
    assert compare("Delivery", too_few, "Purchase", PURCHASE) == (
        "Too few ratings to compare Delivery (4) and Purchase (100): at least 5 in each are "
        "needed.")
    assert compare("Delivery", DELIVERY, "Purchase", Sample((), ())).startswith("Too few")


def test_compare_without_any_spread(strict_numpy) -> None:
    assert compare("Delivery", Sample((4,), (8,)), "Purchase", Sample((4,), (6,))) == (
        "Every rating of Delivery and of Purchase is 4.00: no difference.")
    assert compare("Delivery", Sample((1,), (8,)), "Purchase", Sample((5,), (6,))) == (
        "Customers rate Delivery much lower than Purchase: difference 4.00 points, p < 0.001, "
        "large effect.")


@pytest.mark.parametrize(("p", "written"), [
    (0.0, "p < 0.001"), (0.000999, "p < 0.001"), (0.001, "p = 0.001"), (0.0421, "p = 0.042"),
    (0.5, "p = 0.500"), (1.0, "p = 1.000"),
])
def test_p_values_are_written_with_three_decimals(p: float, written: str) -> None:
    assert format_p(p) == written


def test_numbers_follow_the_language() -> None:
    with language("bg"):
        mark = format_number(0.5, 1)[1]
        sentence = compare("Доставка", DELIVERY, "Покупка", PURCHASE)
        assert format_p(0.0421) == f"p = 0{mark}042"
        assert format_p(0.0001) == f"p < 0{mark}001"
        stages = across(["A", "B"], [DELIVERY, PURCHASE])
    assert f"0{mark}58" in sentence and f"0{mark}001" in sentence
    if mark != ".":
        assert "0.58" not in sentence and all("0.0" not in line for line in stages)


def test_across_stages_with_a_clear_difference_and_one_left_out() -> None:
    assert across(["Awareness", "Purchase", "Delivery", "Loyalty"],
                  [DELIVERY, PURCHASE, Sample((1, 2, 3, 4, 5), (1, 2, 30, 40, 30)),
                   Sample((5,), (2,))]) == [
        "Ratings differ between stages: F = 22.97, p < 0.001, medium effect (η² = 0.13).",
        "Kruskal–Wallis agrees: H = 38.86, p < 0.001.",
        "Left out, too few ratings: Loyalty (2).",
    ]


def test_across_stages_without_a_clear_difference() -> None:
    assert across(["Awareness", "Purchase"], [DELIVERY, DELIVERY]) == [
        "Ratings do not differ clearly between stages: F = 0, p = 1.000.",
        "Kruskal–Wallis agrees: H = 0, p = 1.000.",
    ]


def test_across_says_when_the_rank_test_disagrees() -> None:
    # equal means, but one stage mostly rates 4 and the other mostly 3
    ranks_only = across(["A", "B"], [Sample((1, 4), (5, 45)), Sample((3, 10), (45, 5))])
    assert ranks_only[0].startswith("Ratings do not differ clearly between stages")
    assert ranks_only[1].startswith("Kruskal–Wallis, which compares the order of ratings "
                                    "rather than their means, does find a difference: H = ")
    # a few 9s lift one mean, but hardly move the order of ratings
    means_only = across(["A", "B"], [Sample((2, 3), (5, 10)), Sample((2, 3, 9), (5, 5, 4))])
    assert means_only[0].startswith("Ratings differ between stages")
    assert "does not confirm it" in means_only[1]


def test_across_needs_two_stages_with_enough_ratings(strict_numpy) -> None:
    assert across(["Awareness", "Loyalty", "Advocacy"],
                  [DELIVERY, Sample((4,), (3,)), Sample((), ())]) == [
        "Too few stages to compare: at least two need 5 ratings or more.",
        "Left out, too few ratings: Loyalty (3), Advocacy (0).",
    ]
    assert across(["A", "B"], [Sample((4,), (6,)), Sample((4,), (9,))]) == [
        "Every rating in every stage is 4.00: the stages do not differ."]
    assert across([], []) == ["Too few stages to compare: at least two need 5 ratings or more."]


def every_verdict() -> list[str]:
    same, apart = Sample((4,), (6,)), Sample((1,), (6,))
    sentences = [compare("A", a, "B", b) for a, b in [
        (DELIVERY, PURCHASE), (PURCHASE, DELIVERY), (DELIVERY, DELIVERY), (same, same),
        (same, apart), (Sample((4,), (1,)), DELIVERY)]]
    sentences += [compare("A", SPREAD, "B", shifted(SPREAD, shift))
                  for shift in (0.1, -0.1, 0.4, -0.4, 0.7, -0.7, 1.0, -1.0)]
    for groups in ([DELIVERY, PURCHASE, Sample((5,), (1,))], [DELIVERY, DELIVERY], [same, same],
                   [Sample((1, 4), (5, 45)), Sample((3, 10), (45, 5))],
                   [Sample((2, 3), (5, 10)), Sample((2, 3, 9), (5, 5, 4))], [DELIVERY]):
        sentences += across([f"S{i}" for i in range(len(groups))], groups)
    return sentences


def test_every_sentence_is_one_message_of_the_catalogue(monkeypatch) -> None:
    asked: set[str] = set()

    class Bracketing(dict):
        def get(self, message: str, default: str | None = None) -> str:
            asked.add(message)
            return f"⟦{message}⟧"

    monkeypatch.setattr(i18n, "_catalogue", lambda language: Bracketing())
    for sentence in every_verdict():
        depth = [sentence[: i + 1].count("⟦") - sentence[: i + 1].count("⟧")
                 for i in range(len(sentence))]
        # opened at the first character, closed only at the last: nothing outside one message
        assert sentence.startswith("⟦") and 0 not in depth[:-1] and depth[-1] == 0, sentence
    in_catalogue = {message.id for message in catalogue.extract() if message.id}
    assert asked <= in_catalogue
    assert len(asked) >= 20


def test_verdicts_of_degenerate_groups_raise_no_warning(strict_numpy) -> None:
    groups = [Sample((), ()), Sample((3,), (1,)), Sample((3,), (5,)), Sample((3,), (9,))]
    for a in groups:
        for b in groups:
            assert compare("A", a, "B", b)
    for size in range(len(groups) + 1):
        assert across([str(i) for i in range(size)], groups[:size])
