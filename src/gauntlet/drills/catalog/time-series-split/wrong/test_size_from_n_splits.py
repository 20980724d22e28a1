# expect: wrong_answer
# Uses n // n_splits as the default test size (as for k-fold) instead of n // (n_splits + 1): the test blocks
# cover the whole series and the first fold has (almost) nothing to train on.
import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    s = n_samples // n_splits if test_size is None else test_size
    folds = []
    for i in range(n_splits):
        start = max(0, n_samples - (n_splits - i) * s)
        end = max(0, start - gap)
        lo = 0 if max_train_size is None else max(0, end - max_train_size)
        folds.append((np.arange(lo, end), np.arange(start, start + s)))
    return folds
