import numpy as np


def fit_linear_regression_gd(X, y, lr=0.1, n_iters=1000):
    """Fit y ≈ X @ w + b by full-batch gradient descent on the mean squared error.

    Starts at w = 0, b = 0 and performs exactly n_iters simultaneous updates
    w -= lr * (2/n) X.T @ r,  b -= lr * (2/n) sum(r),  with r = X @ w + b - y.

    Args:
        X: float array of shape (n, d), n >= 1, d >= 1.
        y: float array of shape (n,).
        lr: learning rate (step size), > 0.
        n_iters: number of updates, >= 0.

    Returns:
        (w, b, losses): w float64 array (d,), b float, losses a list of n_iters + 1 floats where
        losses[0] is the loss at the start and losses[t] the loss after t updates.
    """
    raise NotImplementedError
