"""stats.py against SciPy's own functions on known data."""

import math
import random

import pytest
from scipy import stats as scipy_stats

from journeys.assessments import stats


def datasets():
    rng = random.Random(7)
    # Likert pairs with many ties and zeros (small: SciPy's exact permutation).
    likert = [rng.randint(1, 5) for _ in range(10)]
    yield "likert-10", likert, [min(5, v + rng.choice([-1, 0, 1, 1, 2])) for v in likert]
    # Continuous, no ties, small: SciPy's exact distribution.
    pre = [rng.gauss(50, 12) for _ in range(14)]
    yield "exact-14", pre, [v + rng.gauss(8, 10) for v in pre]
    # Percent correct with ties, 23 pairs: the normal approximation with tie correction.
    pre = [rng.choice([25.0, 37.5, 50.0, 62.5, 75.0]) for _ in range(23)]
    yield "percent-23", pre, [min(100.0, v + rng.choice([-12.5, 0, 12.5, 25, 37.5])) for v in pre]
    # A decrease, 60 pairs, no ties: the normal approximation.
    pre = [rng.gauss(3.5, 0.6) for _ in range(60)]
    yield "decrease-60", pre, [v - rng.gauss(0.2, 0.5) for v in pre]


@pytest.mark.parametrize(
    ("name", "pre", "post"), list(datasets()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_paired_figures_equal_scipys(name, pre, post):
    result = stats.paired(pre, post)
    t = scipy_stats.ttest_rel(post, pre)
    assert result.t == pytest.approx(t.statistic, rel=1e-12)
    assert result.p == pytest.approx(t.pvalue, rel=1e-9)
    assert result.df == len(pre) - 1
    assert result.dz == pytest.approx(t.statistic / math.sqrt(len(pre)), rel=1e-12)
    low, high = scipy_stats.ttest_rel(post, pre).confidence_interval()
    assert result.difference_ci == pytest.approx((low, high), rel=1e-9)
    w = scipy_stats.wilcoxon(pre, post)
    assert result.wilcoxon is not None
    assert result.wilcoxon.statistic == pytest.approx(w.statistic)
    assert result.wilcoxon.p == pytest.approx(w.pvalue, rel=1e-9)
    z = scipy_stats.wilcoxon(pre, post, method="asymptotic").zstatistic  # -|z|
    assert abs(result.wilcoxon.z) == pytest.approx(abs(z), rel=1e-9)
    assert result.wilcoxon.r == pytest.approx(
        math.copysign(abs(z), result.wilcoxon.z) / math.sqrt(len(pre))
    )
    assert result.pre.sd == pytest.approx(scipy_stats.tstd(pre))


def test_the_methods_follow_scipys_choice():
    methods = {}
    for name, pre, post in datasets():
        wilcoxon = stats.paired(pre, post).wilcoxon
        assert wilcoxon is not None
        methods[name] = wilcoxon.method
    assert methods == {
        "likert-10": "permutation",
        "exact-14": "exact",
        "percent-23": "normal approximation",
        "decrease-60": "normal approximation",
    }


def test_the_dz_interval_puts_the_observed_t_at_the_tails():
    """The bounds are the noncentralities under which the observed t is at 97.5% and 2.5%."""
    for t, n in [(2.73, 23), (-1.4, 9), (0.0, 12), (8.0, 40)]:
        low, high = stats.dz_interval(t, n)
        assert scipy_stats.nct.cdf(t, n - 1, low * math.sqrt(n)) == pytest.approx(0.975, abs=1e-7)
        assert scipy_stats.nct.cdf(t, n - 1, high * math.sqrt(n)) == pytest.approx(0.025, abs=1e-7)
        assert low < t / math.sqrt(n) < high or t == 0


def test_no_change_or_too_few_gives_no_test():
    same = stats.paired([3, 4, 5], [3, 4, 5])
    assert same.t is None and same.dz is None and same.wilcoxon is None
    one = stats.paired([3], [4])
    assert one.t is None and one.pre.sd is None
    shifted = stats.paired([1, 2, 3], [2, 3, 4])  # every difference the same: SD 0
    assert shifted.t is None and shifted.wilcoxon is not None
    with pytest.raises(ValueError):
        stats.paired([1, 2], [1])


def test_cronbach_alpha_by_its_formula():
    rows = [[4, 5, 4], [2, 2, 3], [3, 4, 3], [5, 5, 4], [1, 2, 2], [3, 3, 4]]
    k = 3
    item_variances = [scipy_stats.tvar([r[i] for r in rows]) for i in range(k)]
    total_variance = scipy_stats.tvar([sum(r) for r in rows])
    expected = k / (k - 1) * (1 - sum(item_variances) / total_variance)
    assert stats.cronbach_alpha(rows) == pytest.approx(expected)
    assert stats.cronbach_alpha([[1, 2]]) is None


def test_holm_steps_down():
    # Sorted p .01, .02, .04 -> x3, x2, x1 = .03, .04, .04 (kept monotone).
    assert stats.holm([0.04, 0.01, None, 0.02]) == pytest.approx([0.04, 0.03, None, 0.04])
    assert stats.holm([0.5, 0.6]) == [1.0, 1.0]


def test_average_ranks_share_ties():
    assert stats.average_ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2]


@pytest.mark.parametrize(
    ("d", "label"),
    [(0.1, "negligible"), (-0.3, "small"), (0.6, "medium"), (1.2, "large"), (None, "")],
)
def test_effect_labels(d, label):
    assert stats.effect_label(d) == label
