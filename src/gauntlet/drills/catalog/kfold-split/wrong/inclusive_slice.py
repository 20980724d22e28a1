# expect: wrong_answer
# Off-by-one in the slice end: each test block takes one sample of the next block too, so neighbouring
# test folds overlap and some samples are tested twice.
import numpy as np


def kfold_indices(n_samples, n_splits, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n_samples) if shuffle else np.arange(n_samples)
    base, extra = divmod(n_samples, n_splits)
    folds, start = [], 0
    for i in range(n_splits):
        size = base + (1 if i < extra else 0)
        test = np.sort(order[start : start + size + 1])
        train = np.setdiff1d(np.arange(n_samples), test)
        folds.append((train, test))
        start += size
    return folds
