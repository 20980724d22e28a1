# expect: wrong_answer
# Sums the per-example gradients instead of averaging them (no 1/n): every step is n times too long for the
# given learning rate, so the run no longer follows the specified updates and, on larger data, overshoots.
import numpy as np


def _sigmoid(z):
    safe = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + safe), safe / (1.0 + safe))


def _objective(X, y, w, b, l2):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w))


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = [_objective(X, y, w, b, l2)]
    for _ in range(n_iters):
        residual = _sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ residual + l2 * w), b - lr * residual.sum()
        losses.append(_objective(X, y, w, b, l2))
    return w, float(b), losses


def predict_proba(X, w, b):
    return _sigmoid(np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b)
