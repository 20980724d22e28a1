# expect: wrong_answer
# Every fold gets n // k samples and the last one absorbs the remainder: fold sizes 3, 3, 4 instead of
# 4, 3, 3 (and very unequal folds when k is close to n).
import numpy as np


def kfold_indices(n_samples, n_splits, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n_samples) if shuffle else np.arange(n_samples)
    size = n_samples // n_splits
    folds = []
    for i in range(n_splits):
        stop = n_samples if i == n_splits - 1 else (i + 1) * size
        test = np.sort(order[i * size : stop])
        train = np.setdiff1d(np.arange(n_samples), test)
        folds.append((train, test))
    return folds
