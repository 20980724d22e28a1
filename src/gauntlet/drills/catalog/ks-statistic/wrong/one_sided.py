# expect: wrong_answer
# Forgets the absolute value: max(F_a - F_b) is the one-sided statistic, which only detects a shifted
# towards smaller values than b and reports ~0 when the shift goes the other way.
import numpy as np


def ks_statistic(a, b):
    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
    grid = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, grid, side="right") / len(a)
    cdf_b = np.searchsorted(b, grid, side="right") / len(b)
    return float(max(0.0, np.max(cdf_a - cdf_b)))
