# Slow but correct: the statistic of every resample is computed in pure Python, one resample at a time
# (sum, sorted list, two-pass variance), and the quantiles are read off a sorted list by hand.
import math

import numpy as np


def _statistic(sample, statistic):
    n = len(sample)
    if statistic == "mean":
        return sum(sample) / n
    if statistic == "median":
        ordered = sorted(sample)
        middle = n // 2
        if n % 2 == 1:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2.0
    if statistic == "std":
        mean = sum(sample) / n
        return math.sqrt(sum((value - mean) ** 2 for value in sample) / (n - 1))
    raise ValueError(f"unknown statistic {statistic!r}")


def _quantile(sorted_values, q):
    """NumPy's default (linear) quantile of an already sorted list."""
    position = (len(sorted_values) - 1) * q
    below = math.floor(position)
    above = min(below + 1, len(sorted_values) - 1)
    low, high = sorted_values[below], sorted_values[above]
    if low == high:
        return low
    return low + (high - low) * (position - below)


def bootstrap_ci(x, statistic="mean", n_resamples=2000, confidence=0.95, seed=0):
    data = np.array(x, dtype=np.float64)
    n = len(data)
    rng = np.random.default_rng(seed)
    resamples = data[rng.integers(0, n, size=(n_resamples, n))].tolist()
    values = []
    for sample in resamples:
        values.append(_statistic(sample, statistic))
    values.sort()
    tail = (1.0 - confidence) / 2.0
    return _quantile(values, tail), _quantile(values, 1.0 - tail)
