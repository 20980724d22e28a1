# expect: wrong_answer
# Uses the gradient of (1/2n)·Σ r^2 while reporting the (1/n)·Σ r^2 loss: every step is half as long as
# specified, so the trajectory (and the result after a fixed number of steps) is off.
import numpy as np


def fit_linear_regression_gd(X, y, lr=0.1, n_iters=1000):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = [float(np.mean((X @ w + b - y) ** 2))]
    for _ in range(n_iters):
        r = X @ w + b - y
        w = w - lr * (X.T @ r) / n
        b = b - lr * r.sum() / n
        losses.append(float(np.mean((X @ w + b - y) ** 2)))
    return w, float(b), losses
