# expect: wrong_answer
# Updates w first and then computes the bias gradient with the *new* w: a coordinate-wise scheme, not the
# simultaneous gradient step the statement asks for.
import numpy as np


def fit_linear_regression_gd(X, y, lr=0.1, n_iters=1000):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = [float(np.mean((X @ w + b - y) ** 2))]
    for _ in range(n_iters):
        w = w - lr * 2.0 * (X.T @ (X @ w + b - y)) / n
        b = b - lr * 2.0 * np.sum(X @ w + b - y) / n
        losses.append(float(np.mean((X @ w + b - y) ** 2)))
    return w, float(b), losses
