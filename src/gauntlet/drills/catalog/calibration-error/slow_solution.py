# Slow but correct: a Python loop over every example, which walks the bin edges one by one to find its
# bin, instead of searchsorted and bincount.
import numpy as np


def reliability_curve(y_true, prob, n_bins=10):
    counts = [0] * n_bins
    positives = [0.0] * n_bins
    confidence = [0.0] * n_bins
    for label, p in zip(y_true, prob):
        p = float(p)
        k = 0
        while k < n_bins - 1 and p > (k + 1) / n_bins:  # an example on an edge stays in the lower bin
            k += 1
        counts[k] += 1
        positives[k] += float(label)
        confidence[k] += p
    prob_true, prob_pred, used = [], [], []
    for k in range(n_bins):
        if counts[k] > 0:
            prob_true.append(positives[k] / counts[k])
            prob_pred.append(confidence[k] / counts[k])
            used.append(counts[k])
    return np.array(prob_true, dtype=np.float64), np.array(prob_pred, dtype=np.float64), np.array(used, dtype=int)


def expected_calibration_error(y_true, prob, n_bins=10):
    prob_true, prob_pred, counts = reliability_curve(y_true, prob, n_bins)
    total = 0
    for count in counts:
        total += int(count)
    ece = 0.0
    for k in range(len(counts)):
        ece += int(counts[k]) / total * abs(float(prob_true[k]) - float(prob_pred[k]))
    return ece
