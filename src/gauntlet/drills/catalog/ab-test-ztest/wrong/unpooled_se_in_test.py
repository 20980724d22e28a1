# expect: wrong_answer
# Uses the unpooled standard error in the test statistic. Under the null hypothesis the two groups share one
# rate, so the test's SE pools them; the unpooled SE belongs to the confidence interval.
import math
from statistics import NormalDist


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    if se == 0:
        return 0.0, 1.0 if alternative == "two-sided" else 0.5
    z = (p_b - p_a) / se
    tail = {"two-sided": abs(z), "larger": z, "smaller": -z}[alternative]
    p = 0.5 * math.erfc(tail / math.sqrt(2))
    return z, min(1.0, 2 * p) if alternative == "two-sided" else p


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    zc = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    return p_b - p_a - zc * se, p_b - p_a + zc * se
