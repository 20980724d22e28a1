# expect: wrong_answer
# Walks down the sorted samples one at a time, so tied samples get different precisions depending on the
# order they happen to be in: the result changes with the row order whenever scores tie.
import math

import numpy as np


def average_precision(y_true, scores, interpolated=False, n_positives=None):
    y, s = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
    total = y.sum() if n_positives is None else n_positives
    if total == 0:
        return math.nan
    order = np.argsort(-s, kind="stable")
    y = y[order]
    tp = np.cumsum(y)
    precision = tp / np.arange(1, len(y) + 1)
    if interpolated and len(y):
        precision = np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.sum(precision * y) / total)
