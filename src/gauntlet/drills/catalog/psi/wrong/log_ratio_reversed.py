# expect: wrong_answer
# Writes the log ratio upside down, (a - e) * ln(e / a): every term flips sign and the "PSI" is negative.
import numpy as np


def psi(expected, actual, n_bins=10, eps=1e-4):
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    edges = np.unique(np.quantile(expected, np.arange(1, n_bins) / n_bins))
    e = np.bincount(np.searchsorted(edges, expected), minlength=len(edges) + 1) / len(expected)
    a = np.bincount(np.searchsorted(edges, actual), minlength=len(edges) + 1) / len(actual)
    e, a = np.where(e == 0, eps, e), np.where(a == 0, eps, a)
    return float(np.sum((a - e) * np.log(e / a)))
