import numpy as np


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    """Encode every training row with the smoothed category mean of the OTHER folds.

    Args:
        categories: list of n strings or ints (compared exactly).
        y: float array (n,).
        folds: int array (n,), at least two distinct ids.
        smoothing: m >= 0.

    Returns:
        float64 array (n,): (s_c + m * mu) / (n_c + m) with n_c, s_c and the prior mu all taken from the rows
        outside the row's own fold.
    """
    raise NotImplementedError


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    """Encode new rows with statistics of all training rows (unseen categories get the training mean).

    Returns:
        float64 array (len(new_categories),).
    """
    raise NotImplementedError
