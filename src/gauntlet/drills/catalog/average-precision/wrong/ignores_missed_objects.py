# expect: wrong_answer
# Divides recall by the positives present in y_true and ignores n_positives: objects no detection found do
# not lower the recall, so a detector that misses half the objects can still reach AP 1.
import math

import numpy as np


def average_precision(y_true, scores, interpolated=False, n_positives=None):
    y, s = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
    total = y.sum()
    if total == 0:
        return 0.0 if n_positives else math.nan
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    tp = np.cumsum(y)[ends]
    precision = tp / (ends + 1)
    if interpolated:
        precision = np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.diff(np.r_[0.0, tp / total]) @ precision)
