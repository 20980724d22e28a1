import math
from statistics import NormalDist

import numpy as np


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    """Pooled two-proportion z-test of p_B against p_A.

    Args:
        x_a, n_a, x_b, n_b: conversions and users per variant (ints, 0 <= x <= n, n >= 1).
        alternative: "two-sided" (p_B != p_A), "larger" (p_B > p_A) or "smaller" (p_B < p_A).

    Returns:
        (z, p_value): z = (p_B - p_A) / pooled SE; tail probabilities computed with erfc. A pooled rate of 0 or 1
        gives z = 0 and p = 1 (0.5 one-sided).
    """
    raise NotImplementedError


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    """Wald interval for p_B - p_A with the unpooled standard error and the exact normal quantile.

    Returns:
        (low, high): floats.
    """
    raise NotImplementedError
