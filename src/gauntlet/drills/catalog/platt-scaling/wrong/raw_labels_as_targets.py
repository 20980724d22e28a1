# expect: wrong_answer
# Fits the 0/1 labels themselves (plain maximum likelihood) instead of Platt's smoothed targets: slightly off on
# overlapping classes, and on separable data the slope keeps growing until the iterations run out.
import numpy as np


def platt_fit(scores, y):
    s, t = np.asarray(scores, dtype=float), np.asarray(y, dtype=float)
    params = np.array([0.0, 0.0])
    for _ in range(100):
        z = params[0] * s + params[1]
        p = 0.5 * (1 + np.tanh(z / 2))
        grad = np.array([(p - t) @ s, (p - t).sum()])
        w = np.maximum(p * (1 - p), 1e-300)
        hess = np.array([[w @ (s * s), w @ s], [w @ s, w.sum()]])
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            break
        params = params - step
        if np.abs(step).max() < 1e-13:
            break
    return float(params[0]), float(params[1])


def platt_predict(scores, a, b):
    z = a * np.asarray(scores, dtype=float) + b
    return 0.5 * (1 + np.tanh(z / 2))
