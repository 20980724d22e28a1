# expect: wrong_answer
# Assigns bins with np.digitize's default (bins closed on the LEFT, [c_{i-1}, c_i)): a value equal to an edge
# lands one bin higher, which for a discrete feature moves whole tied groups.
import numpy as np


def psi(expected, actual, n_bins=10, eps=1e-4):
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    edges = np.unique(np.quantile(expected, np.arange(1, n_bins) / n_bins))
    e = np.bincount(np.digitize(expected, edges), minlength=len(edges) + 1) / len(expected)
    a = np.bincount(np.digitize(actual, edges), minlength=len(edges) + 1) / len(actual)
    e, a = np.where(e == 0, eps, e), np.where(a == 0, eps, a)
    return float(np.sum((a - e) * np.log(a / e)))
