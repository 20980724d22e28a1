# Slow but correct: every residual, gradient entry and loss is accumulated in pure-Python loops over the
# rows and features, instead of matrix-vector products.
import numpy as np


def _residuals(rows, y, w, b):
    out = []
    for row, target in zip(rows, y):
        prediction = b
        for j in range(len(w)):
            prediction += row[j] * w[j]
        out.append(prediction - target)
    return out


def _mse(residuals):
    total = 0.0
    for r in residuals:
        total += r * r
    return total / len(residuals)


def fit_linear_regression_gd(X, y, lr=0.1, n_iters=1000):
    rows = np.asarray(X, dtype=np.float64).tolist()
    y = [float(v) for v in y]
    n, d = len(rows), len(rows[0])
    w = [0.0] * d
    b = 0.0
    residuals = _residuals(rows, y, w, b)
    losses = [_mse(residuals)]
    for _ in range(n_iters):
        grad_w = [0.0] * d
        grad_b = 0.0
        for row, r in zip(rows, residuals):
            for j in range(d):
                grad_w[j] += row[j] * r
            grad_b += r
        w = [w[j] - lr * 2.0 * grad_w[j] / n for j in range(d)]
        b = b - lr * 2.0 * grad_b / n
        residuals = _residuals(rows, y, w, b)
        losses.append(_mse(residuals))
    return np.array(w, dtype=np.float64), float(b), losses
