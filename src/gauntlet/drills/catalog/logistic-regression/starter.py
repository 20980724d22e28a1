import numpy as np


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    """Binary logistic regression by full-batch gradient descent.

    Minimises (1/n) sum_i [softplus(z_i) - y_i z_i] + (l2 / 2) ||w||^2 with z = X @ w + b, starting from
    w = 0, b = 0; the bias is not penalised.

    Args:
        X: float array (n, d), n >= 1.
        y: int array (n,) of 0/1 labels.
        lr: learning rate, > 0.
        n_iters: number of simultaneous updates of (w, b), >= 0.
        l2: L2 penalty strength lambda, >= 0.

    Returns:
        (w, b, losses): w float64 array (d,), b float, losses a list of n_iters + 1 finite floats (the
        penalised loss at the start and after every update).
    """
    raise NotImplementedError


def predict_proba(X, w, b):
    """Predicted P(y = 1 | x) = sigmoid(X @ w + b).

    Args:
        X: float array (n, d).
        w: float array (d,).
        b: float.

    Returns:
        float64 array (n,) with values in [0, 1]; never NaN, no overflow for large |logits|.
    """
    raise NotImplementedError
