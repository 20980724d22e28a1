# expect: wrong_answer
# Averages the bins' gaps without weighting them by their counts: a bin with one example counts as much as a
# bin with a thousand.
import numpy as np


def reliability_curve(y_true, prob, n_bins=10):
    y, p = np.asarray(y_true, dtype=float), np.asarray(prob, dtype=float)
    bins = np.searchsorted(np.linspace(0, 1, n_bins + 1)[1:-1], p)
    counts = np.bincount(bins, minlength=n_bins)
    used = counts > 0
    return (np.bincount(bins, weights=y, minlength=n_bins)[used] / counts[used],
            np.bincount(bins, weights=p, minlength=n_bins)[used] / counts[used], counts[used])


def expected_calibration_error(y_true, prob, n_bins=10):
    prob_true, prob_pred, _ = reliability_curve(y_true, prob, n_bins)
    return float(np.mean(np.abs(prob_true - prob_pred)))
