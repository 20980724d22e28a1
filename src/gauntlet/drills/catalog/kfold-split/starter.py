import numpy as np


def kfold_indices(n_samples, n_splits, shuffle=False, seed=None):
    """Split range(n_samples) into n_splits train/test folds.

    The (optionally shuffled, with np.random.default_rng(seed).permutation(n_samples)) order is cut into
    n_splits consecutive blocks; the first n_samples % n_splits blocks get one extra sample.

    Args:
        n_samples: number of samples, >= n_splits.
        n_splits: number of folds, >= 2.
        shuffle: permute the order before cutting it into blocks.
        seed: seed for np.random.default_rng when shuffle is true.

    Returns:
        list of n_splits (train_idx, test_idx) pairs; both are sorted 1-D integer arrays, disjoint, and
        together cover range(n_samples).
    """
    raise NotImplementedError
