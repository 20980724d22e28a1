"""Drift statistics: the two-sample Kolmogorov-Smirnov test and the population stability index.

Inputs are 1-D samples of one feature: ``reference`` (e.g. training data) and ``current``
(e.g. last six hours of traffic), of any lengths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gauntlet.labs.models.base import require

ALTERNATIVES = ("two-sided", "less", "greater")
METHODS = ("auto", "exact", "asymp")
EXACT_LIMIT = 10_000  # "auto" is exact when both samples are at most this long (SciPy's rule)
PSI_FLOOR = 1e-4  # share given to an empty bin so its log term stays finite


@dataclass(frozen=True)
class KSResult:
    """``statistic`` D in [0, 1]; ``pvalue`` = P(D >= observed | same distribution); ``method`` used."""

    statistic: float
    pvalue: float
    method: str
    alternative: str

    def to_dict(self) -> dict[str, float | str]:
        return {"statistic": self.statistic, "pvalue": self.pvalue, "method": self.method,
                "alternative": self.alternative}


def _sample(values: np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64).ravel()
    require(len(array) > 0, f"{name} is empty")
    require(bool(np.isfinite(array).all()), f"{name} contains NaN or infinity")
    return np.sort(array)


def ks_2samp(reference: np.ndarray, current: np.ndarray, *, alternative: str = "two-sided",
             method: str = "auto") -> KSResult:
    """Two-sample Kolmogorov-Smirnov test of "both samples come from one continuous distribution".

    D is the largest gap between the two empirical CDFs F1 (reference) and F2 (current):
    two-sided ``max |F1 - F2|``, "greater" ``max (F1 - F2)``, "less" ``max (F2 - F1)``.

    ``method``:

    - ``"exact"``: the null distribution of D counted over all C(n1 + n2, n1) equally likely
      orderings of the pooled sample (lattice paths from (0, 0) to (n1, n2) that cross the band
      |i/n1 - j/n2| < D), by dynamic programming over the band only (rescaled rows).
    - ``"asymp"``: two-sided, the exact one-sample Kolmogorov distribution at the effective size
      round(n1 n2 / (n1 + n2)) (Marsaglia-Tsang-Wang matrix method); one-sided, Hodges'
      approximation exp(-2 z^2 - 2 z (m + 2n) / (3 sqrt(m n (m + n)))) with z = D sqrt(mn/(m+n)).
    - ``"auto"``: exact when both samples have at most 10 000 values, else asymptotic.

    These are SciPy's ``scipy.stats.ks_2samp`` definitions, so results agree with it to rounding.
    Ties in the data make the test conservative (it assumes a continuous distribution).
    """
    require(alternative in ALTERNATIVES, f"alternative must be one of {ALTERNATIVES}")
    require(method in METHODS, f"method must be one of {METHODS}")
    a, b = _sample(reference, "reference"), _sample(current, "current")
    n1, n2 = len(a), len(b)
    pooled = np.concatenate([a, b])
    # ECDFs at every pooled value (side="right": F(x) counts values <= x, which handles ties)
    cdf_a = np.searchsorted(a, pooled, side="right") / n1
    cdf_b = np.searchsorted(b, pooled, side="right") / n2
    gaps = cdf_a - cdf_b
    d_plus = float(gaps.max())
    d_minus = float(max(-gaps.min(), 0.0))
    d = {"two-sided": max(d_plus, d_minus), "greater": d_plus, "less": d_minus}[alternative]
    if method == "auto":
        method = "exact" if max(n1, n2) <= EXACT_LIMIT else "asymp"
    if method == "exact":
        g = math.gcd(n1, n2)
        lcm = (n1 // g) * n2
        h = int(round(d * lcm))  # D as an exact fraction h / lcm(n1, n2)
        d = h / lcm
        pvalue = 1.0 if h == 0 else _exact_pvalue(n1, n2, h * g, alternative)
    else:
        m, n = max(n1, n2), min(n1, n2)
        effective = m * n / (m + n)
        if alternative == "two-sided":
            pvalue = kolmogorov_sf(d, int(round(effective)))
        else:
            z = math.sqrt(effective) * d
            pvalue = math.exp(-2 * z * z - 2 * z * (m + 2 * n) / math.sqrt(m * n * (m + n)) / 3.0)
    return KSResult(float(d), float(min(max(pvalue, 0.0), 1.0)), method, alternative)


def _exact_pvalue(n1: int, n2: int, band: int, alternative: str) -> float:
    """P(the random path leaves the band) where the band is ``|i n2 - j n1| < band``.

    i counts reference values and j current values taken so far along the pooled sorted order;
    F1 - F2 = (i n2 - j n1) / (n1 n2) at lattice point (i, j). One-sided tests bound one side only.
    """
    if n1 > n2:  # fewer rows: iterate over the shorter sample, mirroring the one-sided direction
        n1, n2 = n2, n1
        alternative = {"greater": "less", "less": "greater"}.get(alternative, alternative)
    log_factorial = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n1 + n2 + 1)))])
    log_all_paths = log_factorial[n1 + n2] - log_factorial[n1] - log_factorial[n2]
    if n1 == n2 and alternative == "two-sided":
        # reflection principle: P(leave |i - j| < h) = 2 sum_{k>=1} (-1)^(k-1) C(2n, n - k h) / C(2n, n)
        h = band // n1
        k = np.arange(1, n1 // h + 1)
        log_terms = log_factorial[2 * n1] - log_factorial[n1 - k * h] - log_factorial[n1 + k * h] - log_all_paths
        return float(min(2.0 * np.sum((-1.0) ** (k - 1) * np.exp(log_terms)), 1.0))
    bound_above = alternative in ("two-sided", "greater")  # F1 - F2 < D enforced
    bound_below = alternative in ("two-sided", "less")  # F2 - F1 < D enforced
    i = np.arange(n1 + 1)
    # inclusive band of j on each row i (contiguous, moving up with i)
    lows = np.maximum((i * n2 - band) // n1 + 1, 0) if bound_above else np.zeros(n1 + 1, dtype=np.int64)
    highs = np.minimum((i * n2 + band - 1) // n1, n2) if bound_below else np.full(n1 + 1, n2)
    if np.any(lows > highs) or not lows[-1] <= n2 <= highs[-1]:
        return 1.0

    # N(i, j), the number of in-band paths from (0, 0) to (i, j): N(i, j) = N(i-1, j) + N(i, j-1),
    # and the second term unrolls along the row, so a row is the cumulative sum of the previous
    # row over the band. One array is updated in place on the band only: O(n1 * band width).
    # Counts reach C(n1 + n2, n1), far past float range, so a row whose largest (last) entry
    # passes 1e200 is divided by it and the log of that factor is accumulated.
    paths = np.zeros(n2 + 1)
    paths[lows[0]:highs[0] + 1] = 1.0  # row 0: one path, straight along j
    log_scale = 0.0
    # entries below a row's band are stale but never read again (bands only move up), and
    # entries above the previous band were never written, so they are the zeros they should be
    for low, high in zip(lows[1:].tolist(), highs[1:].tolist(), strict=True):
        segment = paths[low:high + 1]
        np.cumsum(segment, out=segment)
        if segment[-1] > 1e200:  # a row grows at most (n2 + 1)-fold: rescaling now and then is enough
            log_scale += math.log(segment[-1])
            segment /= segment[-1]
    return float(-np.expm1(math.log(paths[n2]) + log_scale - log_all_paths)) if paths[n2] > 0 else 1.0


def kolmogorov_sf(d: float, n: int) -> float:
    """P(D_n >= d) for the one-sample Kolmogorov statistic D_n = sup |F_n - F| with n values.

    Marsaglia, Tsang & Wang (2003): P(D_n < d) = n!/n^n * (H^n)[k-1, k-1] for a (2k-1)-square
    matrix H built from k = floor(n d) + 1 and h = k - n d; matrix powers are rescaled as they grow
    and the factorial factor is applied in logs. In the far tail (n > 140 and n d^2 >= 2.2, where
    that matrix gets large) the two-sided tail is twice the exact one-sided (Smirnov) tail: the
    chance of crossing both bounds, which that double-counts, is below 1e-7 there (SciPy's
    ``kstwo`` makes the same switch).
    """
    require(n >= 1, "n must be >= 1")
    if d <= 0:
        return 1.0
    if d >= 1:
        return 0.0
    if n > 140 and n * d * d >= 2.2:
        return min(2.0 * smirnov_sf(d, n), 1.0)
    k = int(n * d) + 1
    size = 2 * k - 1
    h = k - n * d
    rows = np.arange(size)[:, None]
    cols = np.arange(size)[None, :]
    lag = rows - cols + 1
    H = (lag >= 0).astype(np.float64)
    powers = h ** np.arange(1, size + 1)
    H[:, 0] -= powers
    H[-1, :] -= powers[::-1]
    if 2 * h - 1 > 0:
        H[-1, 0] += (2 * h - 1) ** size
    # divide by lag! via exp(-log lag!): large factorials underflow to 0 instead of overflowing
    inverse_factorial = np.exp(-np.cumsum(np.log(np.arange(1, size + 1))))
    H = np.where(lag > 0, H * inverse_factorial[np.clip(lag - 1, 0, size - 1)], H)
    result, log_scale = _matrix_power_scaled(H, n)
    value = result[k - 1, k - 1]
    if value <= 0:
        return 1.0
    log_cdf = math.log(value) + log_scale + math.lgamma(n + 1) - n * math.log(n)
    return float(min(max(-math.expm1(log_cdf), 0.0), 1.0))


def smirnov_sf(d: float, n: int) -> float:
    """P(D+_n >= d) for the one-sided statistic D+_n = sup (F_n - F), exactly (Birnbaum-Tingey):
    d * sum_{j=0}^{floor(n(1-d))} C(n, j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1), summed in logs."""
    if d <= 0:
        return 1.0
    if d >= 1:
        return 0.0
    j = np.arange(int(math.floor(n * (1 - d))) + 1)
    lgamma = np.vectorize(math.lgamma)
    log_choose = np.array([math.lgamma(n + 1)]) - lgamma(j + 1) - lgamma(n - j + 1)
    base = 1.0 - d - j / n
    with np.errstate(divide="ignore"):
        log_base = np.where(n - j > 0, (n - j) * np.log(np.maximum(base, 0.0)), 0.0)
    log_terms = math.log(d) + log_choose + log_base + (j - 1) * np.log(d + j / n)
    peak = log_terms.max()
    return float(min(math.exp(peak) * np.exp(log_terms - peak).sum(), 1.0))


def _matrix_power_scaled(M: np.ndarray, power: int) -> tuple[np.ndarray, float]:
    """``M ** power`` as (matrix, log scale): the true power is matrix * exp(log scale)."""
    result = np.eye(len(M))
    result_log = 0.0
    base, base_log = M.copy(), 0.0
    while power:
        if power & 1:
            result = result @ base
            result_log += base_log
            peak = np.abs(result).max()
            if peak > 1e100 or 0 < peak < 1e-100:
                result /= peak
                result_log += math.log(peak)
        power >>= 1
        if power:
            base = base @ base
            base_log *= 2
            peak = np.abs(base).max()
            if peak > 1e100 or 0 < peak < 1e-100:
                base /= peak
                base_log += math.log(peak)
    return result, result_log


@dataclass(frozen=True)
class PSIBreakdown:
    """Per-bin detail of a PSI computation.

    ``edges`` (n_bins - 1,) inner cut points (reference quantiles); bin i holds values in
    (edges[i-1], edges[i]], the first and last bins are open-ended. ``reference_share`` and
    ``current_share`` (n_bins,) sum to 1 (before empty bins are floored); ``contribution``
    (n_bins,) sums to ``psi``.
    """

    edges: np.ndarray
    reference_share: np.ndarray
    current_share: np.ndarray
    contribution: np.ndarray
    psi: float

    def to_dict(self) -> dict[str, object]:
        return {"edges": self.edges.tolist(), "reference_share": self.reference_share.tolist(),
                "current_share": self.current_share.tolist(), "contribution": self.contribution.tolist(),
                "psi": self.psi}


def psi_breakdown(reference: np.ndarray, current: np.ndarray, *, n_bins: int = 10) -> PSIBreakdown:
    """Population stability index with ``n_bins`` equal-frequency bins cut at reference quantiles.

    PSI = sum_i (c_i - r_i) ln(c_i / r_i), with r_i, c_i the reference and current shares of bin i
    (a symmetrised KL divergence: KL(c||r) + KL(r||c)). Empty bins get share 1e-4 so the log stays
    finite. Quantiles that coincide (many tied values) merge their bins, so there may be fewer
    than ``n_bins``. Common reading: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 major shift
    (a rule of thumb, not a significance test: PSI grows with bins and shrinks with sample noise).
    """
    require(n_bins >= 2, "n_bins must be >= 2")
    ref, cur = _sample(reference, "reference"), _sample(current, "current")
    # the same (linear-interpolation) quantile definition as numpy's default
    edges = np.unique(np.quantile(ref, np.arange(1, n_bins) / n_bins))
    bins = len(edges) + 1

    def shares(values: np.ndarray) -> np.ndarray:
        counts = np.bincount(np.searchsorted(edges, values, side="left"), minlength=bins)
        return counts / len(values)

    r, c = shares(ref), shares(cur)
    r_safe, c_safe = np.maximum(r, PSI_FLOOR), np.maximum(c, PSI_FLOOR)
    contribution = (c_safe - r_safe) * np.log(c_safe / r_safe)
    return PSIBreakdown(edges, r, c, contribution, float(contribution.sum()))


def psi(reference: np.ndarray, current: np.ndarray, *, n_bins: int = 10) -> float:
    """The population stability index (see ``psi_breakdown``); 0 means identical binned shares."""
    return psi_breakdown(reference, current, n_bins=n_bins).psi


