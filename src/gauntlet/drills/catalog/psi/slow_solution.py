# Slow but correct: the quantile edges are interpolated by hand from a sorted Python list, and every value
# finds its bin by walking the edges one at a time, instead of np.quantile, searchsorted and bincount.
import math

import numpy as np


def _quantile(sorted_values, q):
    position = (len(sorted_values) - 1) * q
    below = math.floor(position)
    above = min(below + 1, len(sorted_values) - 1)
    low, high = sorted_values[below], sorted_values[above]
    if low == high:
        return low
    return low + (high - low) * (position - below)


def _proportions(values, edges, eps):
    counts = [0] * (len(edges) + 1)
    for value in values:
        k = 0
        while k < len(edges) and value > edges[k]:  # a value equal to an edge stays in the bin it closes
            k += 1
        counts[k] += 1
    return [c / len(values) if c > 0 else eps for c in counts]


def psi(expected, actual, n_bins=10, eps=1e-4):
    expected = [float(v) for v in np.asarray(expected, dtype=np.float64)]
    actual = [float(v) for v in np.asarray(actual, dtype=np.float64)]
    ordered = sorted(expected)
    edges = sorted(set(_quantile(ordered, i / n_bins) for i in range(1, n_bins)))
    e = _proportions(expected, edges, eps)
    a = _proportions(actual, edges, eps)
    total = 0.0
    for a_i, e_i in zip(a, e):
        total += (a_i - e_i) * math.log(a_i / e_i)
    return total
