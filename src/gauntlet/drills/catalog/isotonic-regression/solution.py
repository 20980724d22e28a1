import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if len(x) == 0:
        return np.zeros(0)
    # tied x become one point: weighted mean of their y, total weight (unique x come back sorted)
    unique_x, group = np.unique(x, return_inverse=True)
    weight = np.bincount(group, weights=w)
    mean = np.bincount(group, weights=w * y) / weight

    # stack of blocks: (weighted mean, total weight, number of unique points)
    means, weights, sizes = [], [], []
    for value, wt in zip(mean, weight):
        means.append(value)
        weights.append(wt)
        sizes.append(1)
        while len(means) > 1 and means[-1] < means[-2]:  # a violator: pool it with the block below
            total = weights[-1] + weights[-2]
            pooled = (means[-1] * weights[-1] + means[-2] * weights[-2]) / total
            size = sizes[-1] + sizes[-2]
            del means[-1], weights[-1], sizes[-1]
            means[-1], weights[-1], sizes[-1] = pooled, total, size
    fitted_unique = np.repeat(means, sizes)
    return fitted_unique[group]
