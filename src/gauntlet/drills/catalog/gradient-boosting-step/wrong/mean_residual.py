# expect: wrong_answer
# Sets each leaf to the mean pseudo-residual, as for squared error: no Newton step, so the leaf values are
# far too small (by about 1 / p(1 - p)) and ignore how certain the model already is.
import numpy as np


def gradient_boosting_step(F, y, leaf, n_leaves, learning_rate=0.1):
    F, y, leaf = np.asarray(F, dtype=float), np.asarray(y, dtype=float), np.asarray(leaf)
    p = 0.5 * (1 + np.tanh(F / 2))
    counts = np.bincount(leaf, minlength=n_leaves)
    sums = np.bincount(leaf, weights=y - p, minlength=n_leaves)
    values = np.divide(sums, counts, out=np.zeros(n_leaves), where=counts > 0)
    return F + learning_rate * values[leaf], values
