import numpy as np


def time_series_splits(n_samples, n_splits, test_size=None, gap=0, max_train_size=None):
    """Expanding-window time-series splits (scikit-learn's TimeSeriesSplit).

    Args:
        n_samples: n, samples in time order.
        n_splits: k >= 2 folds.
        test_size: s, or None for n // (k + 1).
        gap: samples left out between the end of training and the start of testing.
        max_train_size: keep only this many most recent training samples (None: all).

    Returns:
        list of k (train, test) integer arrays; fold i tests on n - (k - i) * s .. + s - 1 and trains on the
        samples before its test start minus gap.
    """
    raise NotImplementedError
