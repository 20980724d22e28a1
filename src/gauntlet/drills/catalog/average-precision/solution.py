import math

import numpy as np


def average_precision(y_true, scores, interpolated=False, n_positives=None):
    y = np.asarray(y_true).astype(np.float64)
    s = np.asarray(scores, dtype=np.float64)
    total = float(y.sum()) if n_positives is None else float(n_positives)
    if total == 0:
        return math.nan
    if len(y) == 0:
        return 0.0
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    # the last sample of every run of equal scores: the threshold steps (ties cross together)
    ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    tp = np.cumsum(y)[ends]
    fp = (ends + 1) - tp
    precision = tp / (tp + fp)
    recall = tp / total
    if interpolated:
        precision = np.maximum.accumulate(precision[::-1])[::-1]  # best precision at this recall or higher
    steps = np.diff(np.r_[0.0, recall])
    return float(steps @ precision)
