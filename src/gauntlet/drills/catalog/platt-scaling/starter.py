import numpy as np


def platt_fit(scores, y):
    """Fit P(y = 1 | s) = sigmoid(a * s + b) by minimising the cross-entropy to Platt's smoothed targets.

    Args:
        scores: float array (n,), at least two distinct values.
        y: 0/1 array (n,).

    Returns:
        (a, b): floats, the unique minimiser of
        L = -sum(t log p + (1 - t) log(1 - p)), t = (N+ + 1) / (N+ + 2) for positives, 1 / (N- + 2) for negatives.
    """
    raise NotImplementedError


def platt_predict(scores, a, b):
    """sigmoid(a * scores + b), stable for large |a * s + b|; float64 array of scores' length."""
    raise NotImplementedError
