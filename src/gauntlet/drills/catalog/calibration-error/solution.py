import numpy as np


def reliability_curve(y_true, prob, n_bins=10):
    y = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(prob, dtype=np.float64)
    interior = np.linspace(0.0, 1.0, n_bins + 1)[1:-1]
    # side="left": a probability equal to an interior edge goes to the lower bin, as in scikit-learn
    bins = np.searchsorted(interior, p, side="left")
    counts = np.bincount(bins, minlength=n_bins)
    positives = np.bincount(bins, weights=y, minlength=n_bins)
    confidence = np.bincount(bins, weights=p, minlength=n_bins)
    used = counts > 0
    return positives[used] / counts[used], confidence[used] / counts[used], counts[used]


def expected_calibration_error(y_true, prob, n_bins=10):
    prob_true, prob_pred, counts = reliability_curve(y_true, prob, n_bins)
    return float(np.sum(counts / counts.sum() * np.abs(prob_true - prob_pred)))
