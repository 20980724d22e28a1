# expect: wrong_answer
# Applies max_train_size by keeping the FIRST samples of the history (train[:max_train_size]): the model trains
# on the oldest data instead of the most recent window.
import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    s = n_samples // (n_splits + 1) if test_size is None else test_size
    folds = []
    for i in range(n_splits):
        start = n_samples - (n_splits - i) * s
        train = np.arange(0, start - gap)
        if max_train_size is not None:
            train = train[:max_train_size]
        folds.append((train, np.arange(start, start + s)))
    return folds
