# Slow but correct: each gradient-descent step loops over the examples in pure Python (math.exp and
# math.log1p one logit at a time) instead of vectorised NumPy over all n examples.
import math

import numpy as np


def _sigmoid(z):
    e = math.exp(-abs(z))
    if z >= 0:
        return 1.0 / (1.0 + e)
    return e / (1.0 + e)


def _softplus(z):
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def _logits(rows, w, b):
    logits = []
    for row in rows:
        z = b
        for j in range(len(w)):
            z += row[j] * w[j]
        logits.append(z)
    return logits


def _loss(logits, y, w, l2):
    total = 0.0
    for z, label in zip(logits, y):
        total += _softplus(z) - label * z
    penalty = 0.0
    for weight in w:
        penalty += weight * weight
    return total / len(logits) + 0.5 * l2 * penalty


def fit_logistic_regression(X, y, lr=0.1, n_iters=1000, l2=0.0):
    rows = np.asarray(X, dtype=np.float64).tolist()
    y = [float(v) for v in y]
    n, d = len(rows), len(rows[0])
    w = [0.0] * d
    b = 0.0
    logits = _logits(rows, w, b)
    losses = [_loss(logits, y, w, l2)]
    for _ in range(n_iters):
        grad_w = [0.0] * d
        grad_b = 0.0
        for row, z, label in zip(rows, logits, y):
            error = _sigmoid(z) - label
            for j in range(d):
                grad_w[j] += row[j] * error
            grad_b += error
        w = [w[j] - lr * (grad_w[j] / n + l2 * w[j]) for j in range(d)]
        b = b - lr * grad_b / n
        logits = _logits(rows, w, b)
        losses.append(_loss(logits, y, w, l2))
    return np.array(w, dtype=np.float64), float(b), losses


def predict_proba(X, w, b):
    rows = np.asarray(X, dtype=np.float64).tolist()
    w = [float(v) for v in w]
    return np.array([_sigmoid(z) for z in _logits(rows, w, float(b))], dtype=np.float64)
