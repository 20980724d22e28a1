# Slow but correct: every fold's training set is built by a Python loop over all n indices with a set
# membership test, and each fold is sorted with sorted(), instead of one boolean mask per fold.
import numpy as np


def kfold_indices(n_samples, n_splits, shuffle=False, seed=None):
    if shuffle:
        order = [int(i) for i in np.random.default_rng(seed).permutation(n_samples)]
    else:
        order = list(range(n_samples))
    folds = []
    start = 0
    for fold in range(n_splits):
        size = n_samples // n_splits
        if fold < n_samples % n_splits:
            size += 1
        test = sorted(order[start:start + size])
        in_test = set(test)
        train = []
        for index in range(n_samples):
            if index not in in_test:
                train.append(index)
        folds.append((np.array(train, dtype=np.int64), np.array(test, dtype=np.int64)))
        start += size
    return folds
