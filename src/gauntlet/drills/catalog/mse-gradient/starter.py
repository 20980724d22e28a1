import numpy as np


def mse(y_true, y_pred):
    """Mean squared error over every element.

    Args:
        y_true: array-like of shape (n,) or (n, k), numbers (ints or floats); not empty.
        y_pred: array-like with the same shape as y_true.

    Returns:
        float: (1/N) * sum((y_true - y_pred) ** 2), N = total number of elements.
    """
    raise NotImplementedError


def mse_gradient(y_true, y_pred):
    """Gradient of mse(y_true, y_pred) with respect to y_pred.

    Args:
        y_true: array-like of shape (n,) or (n, k); not empty.
        y_pred: array-like with the same shape as y_true.

    Returns:
        np.ndarray of float64 with the shape of y_pred: (2/N) * (y_pred - y_true).
    """
    raise NotImplementedError
