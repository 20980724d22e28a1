# Slow but correct: a pure-Python loop over every example (math.exp one number at a time) accumulates the
# per-leaf sums, and a second loop updates the scores, instead of np.bincount and fancy indexing.
import math

import numpy as np


def _sigmoid(z):
    e = math.exp(-abs(z))
    if z >= 0:
        return 1.0 / (1.0 + e)
    return e / (1.0 + e)


def gradient_boosting_step(F, y, leaf, n_leaves, learning_rate=0.1):
    residual_sums = [0.0] * n_leaves
    hessian_sums = [0.0] * n_leaves
    for score, label, j in zip(F, y, leaf):
        p = _sigmoid(float(score))
        residual_sums[int(j)] += float(label) - p
        hessian_sums[int(j)] += p * (1.0 - p)
    values = []
    for j in range(n_leaves):
        if hessian_sums[j] < 1e-150:
            values.append(0.0)
        else:
            values.append(residual_sums[j] / hessian_sums[j])
    new_scores = []
    for score, j in zip(F, leaf):
        new_scores.append(float(score) + learning_rate * values[int(j)])
    return np.array(new_scores, dtype=np.float64), np.array(values, dtype=np.float64)
