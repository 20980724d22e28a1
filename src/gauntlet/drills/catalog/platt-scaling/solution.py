import numpy as np


def _sigmoid(z):
    # exp of a non-positive number only: no overflow for large |z|
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _loss(z, t):
    # -[t log p + (1 - t) log(1 - p)] = log(1 + e^z) - t z, with log(1 + e^z) computed stably
    return float(np.sum(np.logaddexp(0.0, z) - t * z))


def platt_fit(scores, y):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y)
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    t = np.where(y == 1, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))

    params = np.array([0.0, np.log((n_pos + 1.0) / (n_neg + 1.0))])
    loss = _loss(params[0] * s + params[1], t)
    for _ in range(100):
        p = _sigmoid(params[0] * s + params[1])
        residual = p - t
        grad = np.array([residual @ s, residual.sum()])
        w = p * (1.0 - p)
        hess = np.array([[w @ (s * s), w @ s], [w @ s, w.sum()]])
        step = np.linalg.solve(hess, grad)
        size = 1.0
        while size > 1e-10:  # backtracking: halve the Newton step until the loss does not increase
            candidate = params - size * step
            new_loss = _loss(candidate[0] * s + candidate[1], t)
            if new_loss <= loss:
                break
            size /= 2
        params, loss = candidate, new_loss
        if np.all(np.abs(size * step) <= 1e-13 * (1.0 + np.abs(params))):
            break
    return float(params[0]), float(params[1])


def platt_predict(scores, a, b):
    return _sigmoid(a * np.asarray(scores, dtype=np.float64) + b)
