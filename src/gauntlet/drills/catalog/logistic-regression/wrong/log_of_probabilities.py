# expect: wrong_answer
# Computes the loss as -y log p - (1 - y) log(1 - p): once p rounds to exactly 1.0 this is 0 * log(0) = NaN.
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0

    def loss():
        p = _sigmoid(X @ w + b)
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)) + 0.5 * l2 * w @ w)

    losses = [loss()]
    for _ in range(n_iters):
        with np.errstate(over="ignore"):
            error = _sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ error / n + l2 * w), b - lr * error.mean()
        with np.errstate(over="ignore"):
            losses.append(loss())
    return w, float(b), losses


def predict_proba(X, w, b):
    with np.errstate(over="ignore"):
        return _sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)
