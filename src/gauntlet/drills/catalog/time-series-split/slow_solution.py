# Slow but correct: every training and test index list is built by a Python loop that tests each of the n
# sample indices against the fold's bounds, instead of np.arange slices.
import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    size = test_size if test_size is not None else n_samples // (n_splits + 1)
    folds = []
    for i in range(n_splits):
        test_start = n_samples - (n_splits - i) * size
        train_end = test_start - gap
        train_start = 0
        if max_train_size is not None and train_end - max_train_size > 0:
            train_start = train_end - max_train_size
        train, test = [], []
        for index in range(n_samples):
            if train_start <= index < train_end:
                train.append(index)
            elif test_start <= index < test_start + size:
                test.append(index)
        folds.append((np.array(train, dtype=np.int64), np.array(test, dtype=np.int64)))
    return folds
