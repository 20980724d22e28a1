# expect: wrong_answer
# The test is right, but the interval always uses 1.96, whatever confidence level was asked for (and 1.96 is
# itself a rounding of 1.959964...).
import math


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    pooled = (x_a + x_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        return 0.0, 1.0 if alternative == "two-sided" else 0.5
    z = (x_b / n_b - x_a / n_a) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    tail = {"two-sided": abs(z), "larger": z, "smaller": -z}[alternative]
    p = 0.5 * math.erfc(tail / math.sqrt(2))
    return z, min(1.0, 2 * p) if alternative == "two-sided" else p


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    return p_b - p_a - 1.96 * se, p_b - p_a + 1.96 * se
