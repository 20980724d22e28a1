import numpy as np


def gini_impurity(y):
    """Gini impurity 1 - sum_c p_c^2 of a label array.

    Args:
        y: 1-D int array, possibly empty.

    Returns:
        float in [0, 1); 0.0 for an empty array.
    """
    raise NotImplementedError


def best_split(X, y):
    """Exhaustive search for the split with the lowest size-weighted Gini impurity.

    Candidate thresholds for feature j are midpoints between consecutive distinct values of X[:, j];
    rows with X[i, j] <= threshold go left. Ties: smallest feature index, then smallest threshold.

    Args:
        X: float array (n, d), n >= 1.
        y: int array (n,) of non-negative labels.

    Returns:
        (feature, threshold, impurity) as (int, float, float), or None if no feature has two distinct
        values.
    """
    raise NotImplementedError
