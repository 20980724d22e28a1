# expect: wrong_answer
# Computes the multi-class "top-label" version: confidence max(p, 1 - p) against the accuracy of the predicted
# label. A different quantity from the calibration of the positive-class probability asked for here.
import numpy as np


def reliability_curve(y_true, prob, n_bins=10):
    y, p = np.asarray(y_true, dtype=float), np.asarray(prob, dtype=float)
    confidence = np.maximum(p, 1 - p)
    correct = ((p >= 0.5) == (y == 1)).astype(float)
    bins = np.searchsorted(np.linspace(0, 1, n_bins + 1)[1:-1], confidence)
    counts = np.bincount(bins, minlength=n_bins)
    used = counts > 0
    return (np.bincount(bins, weights=correct, minlength=n_bins)[used] / counts[used],
            np.bincount(bins, weights=confidence, minlength=n_bins)[used] / counts[used], counts[used])


def expected_calibration_error(y_true, prob, n_bins=10):
    prob_true, prob_pred, counts = reliability_curve(y_true, prob, n_bins)
    return float(np.sum(counts / counts.sum() * np.abs(prob_true - prob_pred)))
