# expect: wrong_answer
# Computes the tail as 1 - Phi(z) with Phi from erf: Phi(z) rounds to 1.0 beyond z of about 8.3, so large
# effects get a p-value of exactly 0 (and smaller ones lose most of their significant digits).
import math
from statistics import NormalDist


def _phi(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    pooled = (x_a + x_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        return 0.0, 1.0 if alternative == "two-sided" else 0.5
    z = (x_b / n_b - x_a / n_a) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if alternative == "two-sided":
        return z, 2 * (1 - _phi(abs(z)))
    return z, 1 - _phi(z) if alternative == "larger" else _phi(z)


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    zc = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    return p_b - p_a - zc * se, p_b - p_a + zc * se
