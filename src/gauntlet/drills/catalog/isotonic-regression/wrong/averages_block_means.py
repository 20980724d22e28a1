# expect: wrong_answer
# Pools two blocks by averaging their means, (m1 + m2) / 2, instead of weighting each by its total weight: a
# one-point block counts as much as a block of fifty.
import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    ux, group = np.unique(x, return_inverse=True)
    uw = np.bincount(group, weights=w, minlength=len(ux))
    uy = np.bincount(group, weights=w * y, minlength=len(ux)) / np.where(uw > 0, uw, 1)
    means, sizes = [], []
    for value in uy:
        means.append(value)
        sizes.append(1)
        while len(means) > 1 and means[-1] < means[-2]:
            means[-2] = (means[-1] + means[-2]) / 2
            sizes[-2] += sizes[-1]
            del means[-1], sizes[-1]
    return np.repeat(means, sizes)[group] if len(x) else np.zeros(0)
