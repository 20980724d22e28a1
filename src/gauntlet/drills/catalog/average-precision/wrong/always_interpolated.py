# expect: wrong_answer
# Always applies the PASCAL VOC precision envelope (max precision at recall >= r), even when the plain
# step-wise AP is asked for: too high whenever precision rises again further down the ranking.
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
    precision = np.maximum.accumulate((tp / (ends + 1))[::-1])[::-1]
    return float(np.diff(np.r_[0.0, tp / total]) @ precision)
