import numpy as np


def kfold_indices(n_samples, n_splits, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n_samples) if shuffle else np.arange(n_samples)
    base, extra = divmod(n_samples, n_splits)
    sizes = [base + 1 if i < extra else base for i in range(n_splits)]

    folds = []
    start = 0
    for size in sizes:
        in_test = np.zeros(n_samples, dtype=bool)
        in_test[order[start : start + size]] = True
        # a boolean mask over 0..n-1 returns both index sets already sorted
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
        start += size
    return folds
