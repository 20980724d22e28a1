import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))  # never exponentiates a positive number
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def gradient_boosting_step(F, y, leaf, n_leaves, learning_rate=0.1):
    F = np.asarray(F, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    leaf = np.asarray(leaf, dtype=np.int64)
    p = _sigmoid(F)
    numerator = np.bincount(leaf, weights=y - p, minlength=n_leaves)  # sum of pseudo-residuals per leaf
    denominator = np.bincount(leaf, weights=p * (1.0 - p), minlength=n_leaves)  # sum of hessians per leaf
    safe = denominator >= 1e-150
    values = np.zeros(n_leaves)
    values[safe] = numerator[safe] / denominator[safe]
    return F + learning_rate * values[leaf], values
