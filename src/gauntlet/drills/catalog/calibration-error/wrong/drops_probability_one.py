# expect: wrong_answer
# Computes the bin as int(p * B) and keeps bins 0..B-1 only: a probability of exactly 1 lands in bin B and is
# silently dropped, and bins are closed on the left instead of the right.
import numpy as np


def reliability_curve(y_true, prob, n_bins=10):
    y, p = np.asarray(y_true, dtype=float), np.asarray(prob, dtype=float)
    bins = (p * n_bins).astype(int)
    keep = bins < n_bins
    y, p, bins = y[keep], p[keep], bins[keep]
    counts = np.bincount(bins, minlength=n_bins)
    used = counts > 0
    return (np.bincount(bins, weights=y, minlength=n_bins)[used] / counts[used],
            np.bincount(bins, weights=p, minlength=n_bins)[used] / counts[used], counts[used])


def expected_calibration_error(y_true, prob, n_bins=10):
    prob_true, prob_pred, counts = reliability_curve(y_true, prob, n_bins)
    return float(np.sum(counts / counts.sum() * np.abs(prob_true - prob_pred)))
