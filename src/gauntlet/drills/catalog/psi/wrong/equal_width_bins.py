# expect: wrong_answer
# Cuts the reference range into equal-width bins (np.linspace(min, max)) instead of quantiles: with a skewed
# feature most of the data share one or two bins and the PSI measures something else.
import numpy as np


def psi(expected, actual, n_bins=10, eps=1e-4):
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    edges = np.unique(np.linspace(expected.min(), expected.max(), n_bins + 1)[1:-1])
    e = np.bincount(np.searchsorted(edges, expected), minlength=len(edges) + 1) / len(expected)
    a = np.bincount(np.searchsorted(edges, actual), minlength=len(edges) + 1) / len(actual)
    e, a = np.where(e == 0, eps, e), np.where(a == 0, eps, a)
    return float(np.sum((a - e) * np.log(a / e)))
