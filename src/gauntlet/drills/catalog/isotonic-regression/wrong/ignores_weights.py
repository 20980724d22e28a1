# expect: wrong_answer
# Runs the pooling with every point weighing 1, whatever sample_weight says (and averages tied x plainly).
import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ux, group = np.unique(x, return_inverse=True)
    uw = np.bincount(group, minlength=len(ux)).astype(float)
    uy = np.bincount(group, weights=y, minlength=len(ux)) / np.where(uw > 0, uw, 1)
    means, weights, sizes = [], [], []
    for value, wt in zip(uy, uw):
        means.append(value)
        weights.append(wt)
        sizes.append(1)
        while len(means) > 1 and means[-1] < means[-2]:
            total = weights[-1] + weights[-2]
            pooled = (means[-1] * weights[-1] + means[-2] * weights[-2]) / total
            sizes[-2] += sizes[-1]
            means[-2], weights[-2] = pooled, total
            del means[-1], weights[-1], sizes[-1]
    return np.repeat(means, sizes)[group] if len(x) else np.zeros(0)
