# expect: wrong_answer
# Averages the per-example ratios r_i / h_i instead of dividing the sums: one confident example (h close to 0)
# produces a huge ratio that swamps the leaf.
import numpy as np


def gradient_boosting_step(F, y, leaf, n_leaves, learning_rate=0.1):
    F, y, leaf = np.asarray(F, dtype=float), np.asarray(y, dtype=float), np.asarray(leaf)
    p = 0.5 * (1 + np.tanh(F / 2))
    h = p * (1 - p)
    ratio = np.divide(y - p, h, out=np.zeros_like(h), where=h >= 1e-150)
    counts = np.bincount(leaf, minlength=n_leaves)
    values = np.divide(np.bincount(leaf, weights=ratio, minlength=n_leaves), counts, out=np.zeros(n_leaves),
                       where=counts > 0)
    return F + learning_rate * values[leaf], values
