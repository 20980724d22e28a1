# expect: time_limit
# Right folds, but each training set is built by testing `i not in test` against a Python *list*: a linear
# scan per sample, O(n^2 / k) per fold, hopeless for n in the hundreds of thousands.
import numpy as np


def kfold_indices(n_samples, n_splits, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n_samples) if shuffle else np.arange(n_samples)
    order = order.tolist()
    base, extra = divmod(n_samples, n_splits)
    folds, start = [], 0
    for i in range(n_splits):
        size = base + (1 if i < extra else 0)
        test = sorted(order[start : start + size])
        train = [j for j in range(n_samples) if j not in test]
        folds.append((np.array(train, dtype=np.int64), np.array(test, dtype=np.int64)))
        start += size
    return folds
