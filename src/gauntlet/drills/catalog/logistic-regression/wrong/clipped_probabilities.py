# expect: wrong_answer
# Avoids log(0) by clipping p to [1e-15, 1 - 1e-15] before taking logs. The loss stays finite, but once a
# logit passes about 35 in size the clipped value is no longer the log loss: a badly misclassified example
# contributes about 34.5 however wrong it is, instead of softplus(z) - y z.
import numpy as np

EPS = 1e-15


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _log_loss(p, y, w, l2):
    p = np.clip(p, EPS, 1.0 - EPS)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)) + 0.5 * l2 * np.dot(w, w))


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    p = _sigmoid(X @ w + b)
    losses = [_log_loss(p, y, w, l2)]
    for _ in range(n_iters):
        grad_w = X.T @ (p - y) / n + l2 * w
        grad_b = float(np.mean(p - y))
        w -= lr * grad_w
        b -= lr * grad_b
        p = _sigmoid(X @ w + b)
        losses.append(_log_loss(p, y, w, l2))
    return w, b, losses


def predict_proba(X, w, b):
    return _sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)
