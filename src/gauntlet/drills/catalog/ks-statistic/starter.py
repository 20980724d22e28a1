import numpy as np


def ks_statistic(a, b):
    """Two-sample Kolmogorov-Smirnov statistic D = max_x |F_a(x) - F_b(x)|.

    F_a(x) is the fraction of a's values that are <= x; the maximum is taken over all values present in
    either sample, so ties within and across samples are handled by counting every value <= x.

    Args:
        a: 1-D float array, length n >= 1 (no NaN).
        b: 1-D float array, length m >= 1 (no NaN).

    Returns:
        float in [0, 1].
    """
    raise NotImplementedError
