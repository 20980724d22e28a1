"""Two input-drift monitors for one feature: the two-sample KS test and the population stability index.

Both compare a *reference* sample (what the model was trained on) with a *current* sample (the
latest window of traffic). They need no labels, which is why production monitoring leans on them.
"""

from __future__ import annotations

import math

import numpy as np

PSI_EPSILON = 1e-4  # share given to an empty bin, so log(0) never happens


def ks_two_sample(reference: np.ndarray, current: np.ndarray) -> tuple[float, float]:
    """KS statistic D = max |F_ref(x) - F_cur(x)| and its asymptotic two-sided p-value.

    The p-value uses the Kolmogorov distribution with Stephens' small-sample correction,
    lambda = (sqrt(m) + 0.12 + 0.11 / sqrt(m)) * D with m = n1 n2 / (n1 + n2), good for m >= 4.
    With hundreds of rows per window, even a harmless shift gives a tiny p-value: the p-value says
    a shift exists, D (and PSI) say how big it is.
    """
    a, b = np.sort(reference), np.sort(current)
    values = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, values, side="right") / len(a)
    cdf_b = np.searchsorted(b, values, side="right") / len(b)
    d = float(np.max(np.abs(cdf_a - cdf_b)))
    m = len(a) * len(b) / (len(a) + len(b))
    lam = (math.sqrt(m) + 0.12 + 0.11 / math.sqrt(m)) * d
    return d, kolmogorov_survival(lam)


def kolmogorov_survival(lam: float) -> float:
    """P(K > lam) for the Kolmogorov distribution: 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lam^2)."""
    if lam < 0.2:
        return 1.0  # the series converges slowly here, and the answer is 1 to 10+ digits
    total = 0.0
    for k in range(1, 101):
        term = 2.0 * (-1) ** (k - 1) * math.exp(-2.0 * k * k * lam * lam)
        total += term
        if abs(term) < 1e-12:
            break
    return min(max(total, 0.0), 1.0)


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10) -> float:
    """Population stability index over ``bins`` quantile bins of the reference.

    PSI = sum over bins of (current share - reference share) * ln(current share / reference share).
    Rule of thumb: < 0.1 stable, 0.1 to 0.25 moderate shift, > 0.25 major shift. Unlike a p-value it
    does not grow with the sample size, but it does pick up sampling noise: about
    (bins - 1) * (1/n_ref + 1/n_cur) with no shift at all.
    """
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1])
    expected = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=bins) / len(reference)
    actual = np.bincount(np.searchsorted(edges, current, side="right"), minlength=bins) / len(current)
    expected, actual = np.maximum(expected, PSI_EPSILON), np.maximum(actual, PSI_EPSILON)
    return float(np.sum((actual - expected) * np.log(actual / expected)))
