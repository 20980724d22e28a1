# expect: wrong_answer
# Leaves empty bins at 0: ln(0 / e) is -inf and the PSI comes out infinite (or NaN) as soon as one bin of the
# production sample is empty.
import numpy as np


def psi(expected, actual, n_bins=10, eps=1e-4):
    expected, actual = np.asarray(expected, dtype=float), np.asarray(actual, dtype=float)
    edges = np.unique(np.quantile(expected, np.arange(1, n_bins) / n_bins))
    e = np.bincount(np.searchsorted(edges, expected), minlength=len(edges) + 1) / len(expected)
    a = np.bincount(np.searchsorted(edges, actual), minlength=len(edges) + 1) / len(actual)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((a - e) * np.log(a / e)))
