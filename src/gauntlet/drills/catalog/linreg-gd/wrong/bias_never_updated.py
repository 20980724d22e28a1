# expect: wrong_answer
# Computes the bias gradient but never applies it: fine when the data pass through the origin, wrong
# whenever there is an intercept.
import numpy as np


def fit_linear_regression_gd(X, y, lr=0.1, n_iters=1000):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = [float(np.mean((X @ w + b - y) ** 2))]
    for _ in range(n_iters):
        r = X @ w + b - y
        grad_w = 2.0 * (X.T @ r) / n
        grad_b = 2.0 * r.sum() / n  # noqa: F841 (the bug: computed, never used)
        w = w - lr * grad_w
        losses.append(float(np.mean((X @ w + b - y) ** 2)))
    return w, float(b), losses
