import numpy as np


def fit_linear_regression_gd(X, y, lr=0.1, n_iters=1000):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0

    residuals = X @ w + b - y
    losses = [float(np.mean(residuals**2))]
    for _ in range(n_iters):
        grad_w = (2.0 / n) * (X.T @ residuals)
        grad_b = (2.0 / n) * residuals.sum()
        w = w - lr * grad_w
        b = b - lr * grad_b
        residuals = X @ w + b - y
        losses.append(float(np.mean(residuals**2)))
    return w, float(b), losses
