# expect: wrong_answer
# Trains right up to the test block whatever gap says: the samples the gap should have kept out (e.g. rows
# whose labels are not yet known at prediction time) leak into training.
import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    s = n_samples // (n_splits + 1) if test_size is None else test_size
    folds = []
    for i in range(n_splits):
        start = n_samples - (n_splits - i) * s
        lo = 0 if max_train_size is None else max(0, start - max_train_size)
        folds.append((np.arange(lo, start), np.arange(start, start + s)))
    return folds
