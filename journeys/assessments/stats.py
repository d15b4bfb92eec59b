"""The figures of a pre/post report: plain numbers in, plain numbers out.

Follows the analysis guidance of Lakens (2013) and SciPy's Wilcoxon signed-rank test:
- a paired t-test on the differences (post - pre), the mean difference with its 95% CI;
- Cohen's dz = mean difference / SD of the differences (= t / sqrt(n)), with a 95% CI
  from the noncentral t distribution, and Hedges' small-sample correction (gz);
- the Wilcoxon signed-rank test as scipy.stats.wilcoxon(pre, post) computes it by default
  (pairs with no change left out; exact for up to 50 pairs without ties; with ties or
  zeros, an exact sign-flip permutation up to 13 pairs, otherwise the normal
  approximation), and the effect size r = Z / sqrt(N), N = the number of pairs;
- Cronbach's alpha for a scale in this sample, and Holm's correction over a family of tests.
SciPy supplies only the t, noncentral t and normal distributions; the tests re-derive the
figures with SciPy's own functions.
"""

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

Numbers = Sequence[float]


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None  # sample SD (n - 1); None below two values


def summarise(values: Numbers) -> Summary:
    n = len(values)
    if n == 0:
        return Summary(0, None, None)
    mean = math.fsum(values) / n
    if n < 2:
        return Summary(n, mean, None)
    return Summary(n, mean, math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)))


@dataclass(frozen=True)
class Wilcoxon:
    statistic: float  # the smaller of the positive and negative rank sums (SciPy's W)
    p: float
    z: float  # normal approximation, signed: positive when post > pre
    r: float  # z / sqrt(number of pairs)
    rank_biserial: float  # (W+ - W-) / (W+ + W-), Kerby's matched-pairs correlation
    method: str  # "exact", "permutation" or "normal approximation"
    nonzero: int  # pairs that changed, the ones the test ranks


@dataclass(frozen=True)
class Paired:
    n: int
    pre: Summary
    post: Summary
    difference: Summary
    difference_ci: tuple[float, float] | None
    t: float | None
    df: int
    p: float | None
    dz: float | None
    dz_ci: tuple[float, float] | None
    gz: float | None  # dz with Hedges' correction for small samples
    wilcoxon: Wilcoxon | None


def average_ranks(values: Numbers) -> list[float]:
    """Ranks from 1, ties sharing the average of the ranks they cover."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for i in order[start : end + 1]:
            ranks[i] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _exact_signed_rank_counts(n: int) -> list[int]:
    """How many of the 2**n sign patterns give each positive rank sum 0..n(n+1)/2."""
    counts = [1] + [0] * (n * (n + 1) // 2)
    for rank in range(1, n + 1):
        for total in range(len(counts) - 1, rank - 1, -1):
            counts[total] += counts[total - rank]
    return counts


def wilcoxon(pre: Numbers, post: Numbers) -> Wilcoxon | None:
    """Two-sided Wilcoxon signed-rank test of post - pre; None when nothing changed."""
    differences = [b - a for a, b in zip(pre, post, strict=True)]
    changed = [d for d in differences if d != 0]
    n = len(changed)
    if n == 0:
        return None
    ranks = average_ranks([abs(d) for d in changed])
    w_plus = math.fsum(r for r, d in zip(ranks, changed, strict=True) if d > 0)
    w_minus = math.fsum(r for r, d in zip(ranks, changed, strict=True) if d < 0)
    ties = list(Counter(ranks).values())
    variance = (n * (n + 1) * (2 * n + 1) - math.fsum(t**3 - t for t in ties) / 2) / 24
    z = (w_plus - n * (n + 1) / 4) / math.sqrt(variance)
    has_ties = any(t > 1 for t in ties)
    zeros = len(differences) - n
    if not has_ties and not zeros and len(differences) <= 50:
        method = "exact"
        counts = _exact_signed_rank_counts(n)
        total = 2**n
        at_most = sum(counts[: math.ceil(w_plus) + 1]) / total
        at_least = sum(counts[math.floor(w_plus) :]) / total
        p = min(1.0, 2 * min(at_most, at_least))
    elif len(differences) <= 13:
        method = "permutation"
        # Every way the changed pairs' signs could fall; zeros do not change the shares.
        sums = [
            math.fsum(r for r, positive in zip(ranks, signs, strict=True) if positive)
            for signs in itertools.product((False, True), repeat=n)
        ]
        slack = abs(w_plus) * 100 * 2.220446049250313e-16
        at_most = sum(s <= w_plus + slack for s in sums) / len(sums)
        at_least = sum(s >= w_plus - slack for s in sums) / len(sums)
        p = min(1.0, 2 * min(at_most, at_least))
    else:
        method = "normal approximation"
        from scipy import stats as distributions  # SciPy loads with the first report

        p = 2 * distributions.norm.sf(abs(z))
    return Wilcoxon(
        statistic=min(w_plus, w_minus),
        p=float(p),
        z=z,
        r=z / math.sqrt(len(differences)),
        rank_biserial=(w_plus - w_minus) / (w_plus + w_minus),
        method=method,
        nonzero=n,
    )


def dz_interval(t: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """CI for dz: the noncentralities whose t distribution puts the observed t at the
    upper and lower (1 - level) / 2 tails, divided by sqrt(n)."""
    if t < 0:  # symmetric; SciPy's noncentral t is steadier for t >= 0
        low, high = dz_interval(-t, n, level)
        return -high, -low
    from scipy import optimize
    from scipy import stats as distributions

    df = n - 1
    tail = (1 - level) / 2
    # The noncentrality's spread is about sqrt(1 + t^2 / 2df): search well beyond it.
    width = 1 + 6 * math.sqrt(1 + t * t / (2 * df))

    def cdf(ncp: float) -> float:
        value = float(distributions.nct.cdf(t, df, ncp))
        if math.isnan(value):  # far in a tail, where SciPy gives up: 1 below t, 0 above
            return 1.0 if ncp < t else 0.0
        return value

    def at(quantile: float) -> float:
        return float(optimize.brentq(lambda ncp: cdf(ncp) - quantile, t - width, t + width))

    return at(1 - tail) / math.sqrt(n), at(tail) / math.sqrt(n)


def paired(pre: Numbers, post: Numbers) -> Paired:
    """Everything the report says about one outcome measured twice on the same people."""
    if len(pre) != len(post):
        raise ValueError("pre and post must be pairs")
    n = len(pre)
    differences = [b - a for a, b in zip(pre, post, strict=True)]
    difference = summarise(differences)
    df = n - 1
    t = p = dz = gz = None
    difference_ci = dz_ci = None
    if n >= 2 and difference.sd and difference.mean is not None:
        from scipy import stats as distributions

        error = difference.sd / math.sqrt(n)
        t = difference.mean / error
        p = float(2 * distributions.t.sf(abs(t), df))
        margin = float(distributions.t.ppf(0.975, df)) * error
        difference_ci = (difference.mean - margin, difference.mean + margin)
        dz = difference.mean / difference.sd
        dz_ci = dz_interval(t, n)
        gz = dz * (1 - 3 / (4 * df - 1)) if df > 1 else None
    return Paired(
        n=n,
        pre=summarise(pre),
        post=summarise(post),
        difference=difference,
        difference_ci=difference_ci,
        t=t,
        df=df,
        p=p,
        dz=dz,
        dz_ci=dz_ci,
        gz=gz,
        wilcoxon=wilcoxon(pre, post) if n else None,
    )


def cronbach_alpha(rows: Sequence[Numbers]) -> float | None:
    """Internal consistency of a scale: rows are people, columns items (no gaps)."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    item_variances = [summarise([row[i] for row in rows]).sd or 0.0 for i in range(k)]
    total_sd = summarise([math.fsum(row) for row in rows]).sd
    if not total_sd:
        return None
    return k / (k - 1) * (1 - math.fsum(v**2 for v in item_variances) / total_sd**2)


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down adjustment: controls the chance of any false positive in a family."""
    present = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for step, (p, i) in enumerate(present):
        running = max(running, min(1.0, (len(present) - step) * p))
        adjusted[i] = running
    return adjusted


def effect_label(d: float | None) -> str:
    """Cohen's rough benchmarks, to be read with care: 0.2 small, 0.5 medium, 0.8 large."""
    if d is None:
        return ""
    size = abs(d)
    if size < 0.2:
        return "negligible"
    if size < 0.5:
        return "small"
    if size < 0.8:
        return "medium"
    return "large"
