# expect: wrong_answer
# Sorts the points by x and runs PAVA point by point, leaving tied x in their input order: two points with the
# same x can end up with different fitted values, and the result depends on the order of the input rows.
import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    order = np.argsort(x, kind="stable")
    means, weights, sizes = [], [], []
    for value, wt in zip(y[order], w[order]):
        means.append(value)
        weights.append(wt)
        sizes.append(1)
        while len(means) > 1 and means[-1] < means[-2]:
            total = weights[-1] + weights[-2]
            pooled = (means[-1] * weights[-1] + means[-2] * weights[-2]) / total
            sizes[-2] += sizes[-1]
            means[-2], weights[-2] = pooled, total
            del means[-1], weights[-1], sizes[-1]
    fitted = np.empty(len(x))
    fitted[order] = np.repeat(means, sizes)
    return fitted
