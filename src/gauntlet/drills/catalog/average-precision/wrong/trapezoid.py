# expect: wrong_answer
# Integrates the precision-recall points with the trapezoidal rule (np.trapezoid / sklearn's auc(recall,
# precision)): linear interpolation between PR points is over-optimistic.
import math

import numpy as np


def average_precision(y_true, scores, interpolated=False, n_positives=None):
    y, s = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
    total = y.sum() if n_positives is None else n_positives
    if total == 0:
        return math.nan
    if len(y) == 0:
        return 0.0
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    tp = np.cumsum(y)[ends]
    precision = tp / (ends + 1)
    if interpolated:
        precision = np.maximum.accumulate(precision[::-1])[::-1]
    recall = np.r_[0.0, tp / total]
    precision = np.r_[1.0, precision]
    return float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2))
