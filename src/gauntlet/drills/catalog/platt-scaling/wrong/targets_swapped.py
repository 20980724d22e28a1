# expect: wrong_answer
# Mixes up Platt's priors: positives get (N- + 1) / (N- + 2) and negatives 1 / (N+ + 2). The same targets when
# the classes are balanced, wrong as soon as they are not.
import numpy as np


def platt_fit(scores, y):
    s, y = np.asarray(scores, dtype=float), np.asarray(y)
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    t = np.where(y == 1, (n_neg + 1) / (n_neg + 2), 1 / (n_pos + 2))
    params = np.array([0.0, 0.0])
    for _ in range(100):
        z = params[0] * s + params[1]
        p = 0.5 * (1 + np.tanh(z / 2))
        grad = np.array([(p - t) @ s, (p - t).sum()])
        w = p * (1 - p)
        hess = np.array([[w @ (s * s), w @ s], [w @ s, w.sum()]])
        step = np.linalg.solve(hess, grad)
        params = params - step
        if np.abs(step).max() < 1e-13:
            break
    return float(params[0]), float(params[1])


def platt_predict(scores, a, b):
    z = a * np.asarray(scores, dtype=float) + b
    return 0.5 * (1 + np.tanh(z / 2))
