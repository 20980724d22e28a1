# expect: wrong_answer
# Places the test blocks at (i + 1) * s from the start instead of at the end of the series: when n is not a
# multiple of k + 1, the last samples are never tested and every fold is shifted.
import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    s = n_samples // (n_splits + 1) if test_size is None else test_size
    folds = []
    for i in range(n_splits):
        start = (i + 1) * s
        end = start - gap
        lo = 0 if max_train_size is None else max(0, end - max_train_size)
        folds.append((np.arange(lo, end), np.arange(start, start + s)))
    return folds
