# expect: wrong_answer
# Adds the full leaf value, forgetting the learning rate: each round takes whole Newton steps, which is what
# shrinkage exists to prevent.
import numpy as np


def gradient_boosting_step(F, y, leaf, n_leaves, learning_rate=0.1):
    F, y, leaf = np.asarray(F, dtype=float), np.asarray(y, dtype=float), np.asarray(leaf)
    p = 0.5 * (1 + np.tanh(F / 2))
    num = np.bincount(leaf, weights=y - p, minlength=n_leaves)
    den = np.bincount(leaf, weights=p * (1 - p), minlength=n_leaves)
    values = np.divide(num, den, out=np.zeros(n_leaves), where=den >= 1e-150)
    return F + values[leaf], values
