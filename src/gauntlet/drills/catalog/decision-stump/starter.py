import numpy as np


def fit_stump(X, y, sample_weight=None):
    """Decision stump with the lowest weighted error.

    The stump (j, t, s) predicts s where X[:, j] > t and -s elsewhere. Thresholds are midpoints between
    consecutive distinct values of each feature; both polarities are tried. Ties: smallest feature, then
    smallest threshold, then polarity +1.

    Args:
        X: float array (n, d), n >= 1.
        y: int array (n,) with values in {-1, +1}.
        sample_weight: non-negative float array (n,) with a positive sum, or None for uniform weights.

    Returns:
        (feature, threshold, polarity, error) as (int, float, int, float) with error =
        sum(w * (prediction != y)) / sum(w), or None if no feature has two distinct values.
    """
    raise NotImplementedError


def predict_stump(X, feature, threshold, polarity):
    """Stump predictions: polarity where X[:, feature] > threshold, -polarity elsewhere.

    Args:
        X: float array (n, d).
        feature: column index.
        threshold: float.
        polarity: +1 or -1.

    Returns:
        int array (n,) with values in {-1, +1}.
    """
    raise NotImplementedError
