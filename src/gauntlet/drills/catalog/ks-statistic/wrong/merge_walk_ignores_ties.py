# expect: wrong_answer
# Walks through the merged sorted values one observation at a time and records the gap after every step.
# Correct for continuous data, but with ties it measures gaps in the middle of a joint jump.
import numpy as np


def ks_statistic(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    values = np.concatenate([a, b])
    from_a = np.concatenate([np.ones(len(a)), np.zeros(len(b))])
    order = np.argsort(values, kind="stable")
    cdf_a = np.cumsum(from_a[order]) / len(a)
    cdf_b = np.cumsum(1 - from_a[order]) / len(b)
    return float(np.max(np.abs(cdf_a - cdf_b)))
