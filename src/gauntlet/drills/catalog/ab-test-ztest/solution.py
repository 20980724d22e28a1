import math
from statistics import NormalDist


def _upper_tail(z):
    """1 - Phi(z), accurate far into the tail (no 1 - 0.99999... cancellation)."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    p_a, p_b = x_a / n_a, x_b / n_b
    pooled = (x_a + x_b) / (n_a + n_b)
    variance = pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b)
    if variance == 0.0:
        return 0.0, 1.0 if alternative == "two-sided" else 0.5
    z = (p_b - p_a) / math.sqrt(variance)
    if alternative == "two-sided":
        return z, min(1.0, 2.0 * _upper_tail(abs(z)))
    if alternative == "larger":
        return z, _upper_tail(z)
    if alternative == "smaller":
        return z, _upper_tail(-z)
    raise ValueError(f"unknown alternative {alternative!r}")


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1.0 - p_a) / n_a + p_b * (1.0 - p_b) / n_b)
    z_c = NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0)
    diff = p_b - p_a
    return diff - z_c * se, diff + z_c * se
