"""Two-proportion A/B tests: the pooled z statistic, power and sample size by the normal approximation,
and group-sequential boundaries (Pocock, O'Brien-Fleming) that keep the false-positive rate of a test
looked at several times.

Rates are probabilities in [0, 1]; ``n`` is the number of users per arm; ``alpha`` is the two-sided
significance level. The normal distribution comes from the standard library (``statistics.NormalDist``),
so nothing here needs SciPy.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from gauntlet.labs.models.base import make_rng, require

STANDARD_NORMAL = NormalDist()
BOUNDARY_KINDS = ("pocock", "obrien-fleming")
PATHS_PER_CHUNK = 20_000


def two_proportion_z(conversions_a: np.ndarray, n_a: np.ndarray | float, conversions_b: np.ndarray,
                     n_b: np.ndarray | float) -> np.ndarray:
    """Pooled z statistic of rate B minus rate A (arrays broadcast); 0 where no user or every user converted.

    z = (p_b - p_a) / sqrt(p (1 - p) (1/n_a + 1/n_b)) with p the pooled rate: its square is the
    chi-square statistic of the 2x2 table without continuity correction.
    """
    conversions_a, conversions_b = np.asarray(conversions_a, float), np.asarray(conversions_b, float)
    pooled = (conversions_a + conversions_b) / (np.asarray(n_a, float) + np.asarray(n_b, float))
    variance = pooled * (1.0 - pooled) * (1.0 / np.asarray(n_a, float) + 1.0 / np.asarray(n_b, float))
    difference = conversions_b / n_b - conversions_a / n_a
    return np.divide(difference, np.sqrt(variance), out=np.zeros(np.broadcast(difference, variance).shape),
                     where=variance > 0)


def critical_value(alpha: float) -> float:
    """|z| beyond which a two-sided test at level ``alpha`` rejects: the 1 - alpha/2 normal quantile."""
    require(0 < alpha < 1, "alpha must be in (0, 1)")
    return STANDARD_NORMAL.inv_cdf(1.0 - alpha / 2.0)


def power_two_proportions(p_a: float, p_b: float, n: float, alpha: float) -> float:
    """Chance that the pooled two-sided z-test at level ``alpha`` rejects with ``n`` users per arm when the
    true rates are ``p_a`` and ``p_b`` (normal approximation; both tails counted)."""
    require(n > 0, "n must be > 0")
    pooled = (p_a + p_b) / 2.0
    null_se = math.sqrt(2.0 * pooled * (1.0 - pooled) / n)
    true_se = math.sqrt((p_a * (1.0 - p_a) + p_b * (1.0 - p_b)) / n)
    if true_se == 0.0:
        return float(p_a != p_b)
    c = critical_value(alpha)
    shift = (p_b - p_a) / true_se
    spread = c * null_se / true_se
    return STANDARD_NORMAL.cdf(shift - spread) + STANDARD_NORMAL.cdf(-shift - spread)


def sample_size_two_proportions(p_a: float, p_b: float, alpha: float, power: float) -> int:
    """Users per arm for the pooled two-sided z-test to reach ``power`` in the direction of the difference
    (the usual normal-approximation formula, no continuity correction; the other tail adds a little):
    ceil((z_a sqrt(2 p (1 - p)) + z_b sqrt(p_a q_a + p_b q_b))^2 / d^2)."""
    require(p_a != p_b, "the rates must differ: no sample size detects a difference of zero")
    require(0 < power < 1, "power must be in (0, 1)")
    pooled = (p_a + p_b) / 2.0
    z_alpha, z_power = critical_value(alpha), STANDARD_NORMAL.inv_cdf(power)
    root = z_alpha * math.sqrt(2 * pooled * (1 - pooled)) + z_power * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))
    return math.ceil(root**2 / (p_b - p_a) ** 2)


def boundary_shape(fractions: np.ndarray, kind: str) -> np.ndarray:
    """Relative height of the boundary at each look: 1 everywhere (Pocock) or 1/sqrt(t) (O'Brien-Fleming),
    ``t`` the share of the final sample seen at the look."""
    require(kind in BOUNDARY_KINDS, f"kind must be one of {BOUNDARY_KINDS}, got {kind!r}")
    fractions = np.asarray(fractions, dtype=float)
    return np.ones_like(fractions) if kind == "pocock" else 1.0 / np.sqrt(fractions)


def group_sequential_constant(fractions: np.ndarray, alpha: float, kind: str, *,
                              paths: int = 200_000, random_state: int | np.random.Generator | None = None) -> float:
    """The constant c such that rejecting at the first look with |z| >= c * shape(t) has false-positive
    rate ``alpha`` when there is no effect.

    ``fractions`` (increasing, last 1) are the shares of the final sample at each look. Under no effect
    the z statistics at the looks are those of a Brownian motion: z(t) = W(t) / sqrt(t). The constant
    is the 1 - alpha quantile of max over looks of |z| / shape, estimated from ``paths`` simulated
    motions (its error is about 0.01 with the default).
    """
    fractions = np.asarray(fractions, dtype=float)
    require(fractions.ndim == 1 and len(fractions) >= 1, "fractions must be a non-empty 1-D array")
    require(bool(np.all(np.diff(fractions) > 0)) and fractions[0] > 0 and fractions[-1] == 1.0,
            "fractions must increase from above 0 to exactly 1")
    require(0 < alpha < 1, "alpha must be in (0, 1)")
    rng = make_rng(random_state)
    steps = np.sqrt(np.diff(np.concatenate([[0.0], fractions])))
    scale = np.sqrt(fractions) * boundary_shape(fractions, kind)
    worst = []
    for start in range(0, paths, PATHS_PER_CHUNK):  # chunks keep memory small when there are many looks
        count = min(PATHS_PER_CHUNK, paths - start)
        motion = np.cumsum(rng.standard_normal((count, len(fractions))) * steps, axis=1)
        worst.append(np.max(np.abs(motion) / scale, axis=1))
    return float(np.quantile(np.concatenate(worst), 1.0 - alpha))
