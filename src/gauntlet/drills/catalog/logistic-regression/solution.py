import numpy as np


def _sigmoid(z):
    # exp of a non-positive number only: no overflow for either sign of z
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _loss(z, y, w, l2):
    # softplus(z) - y z is the log loss written on the logit; logaddexp(0, z) never overflows
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.dot(w, w))


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w, b = np.zeros(d), 0.0

    z = X @ w + b
    losses = [_loss(z, y, w, l2)]
    for _ in range(n_iters):
        error = _sigmoid(z) - y
        grad_w = X.T @ error / n + l2 * w
        grad_b = error.mean()
        w = w - lr * grad_w
        b = b - lr * grad_b
        z = X @ w + b
        losses.append(_loss(z, y, w, l2))
    return w, float(b), losses


def predict_proba(X, w, b):
    X = np.asarray(X, dtype=np.float64)
    return _sigmoid(X @ np.asarray(w, dtype=np.float64) + b)
