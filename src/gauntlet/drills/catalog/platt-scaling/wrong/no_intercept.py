# expect: wrong_answer
# Fits sigmoid(a * s) with no intercept: calibrated only if a score of 0 happens to mean probability 1/2.
import numpy as np


def platt_fit(scores, y):
    s, y = np.asarray(scores, dtype=float), np.asarray(y)
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    t = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a = 0.0
    for _ in range(200):
        p = 0.5 * (1 + np.tanh(a * s / 2))
        step = ((p - t) @ s) / max((p * (1 - p)) @ (s * s), 1e-300)
        a -= step
        if abs(step) < 1e-14:
            break
    return float(a), 0.0


def platt_predict(scores, a, b):
    z = a * np.asarray(scores, dtype=float) + b
    return 0.5 * (1 + np.tanh(z / 2))
