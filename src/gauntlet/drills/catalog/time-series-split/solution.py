import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    size = n_samples // (n_splits + 1) if test_size is None else test_size
    folds = []
    for i in range(n_splits):
        test_start = n_samples - (n_splits - i) * size  # the test blocks are the last k * s samples
        train_end = test_start - gap
        train_start = 0 if max_train_size is None else max(0, train_end - max_train_size)  # the most recent ones
        folds.append((np.arange(train_start, train_end), np.arange(test_start, test_start + size)))
    return folds
