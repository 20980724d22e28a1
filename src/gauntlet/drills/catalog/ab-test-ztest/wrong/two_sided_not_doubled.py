# expect: wrong_answer
# Reports the one-tail probability 1 - Phi(|z|) as the two-sided p-value: half the right value, so the test
# rejects twice as often as its nominal level.
import math
from statistics import NormalDist


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    pooled = (x_a + x_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        return 0.0, 1.0 if alternative == "two-sided" else 0.5
    z = (x_b / n_b - x_a / n_a) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    tail = {"two-sided": abs(z), "larger": z, "smaller": -z}[alternative]
    return z, 0.5 * math.erfc(tail / math.sqrt(2))


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    zc = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    return p_b - p_a - zc * se, p_b - p_a + zc * se
