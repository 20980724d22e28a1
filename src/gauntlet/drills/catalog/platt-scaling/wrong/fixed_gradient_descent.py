# expect: wrong_answer
# Right objective and targets, but 300 steps of gradient descent with a fixed learning rate stop well
# short of the minimiser (and the step would be unstable for scores in the hundreds).
import numpy as np


def platt_fit(scores, y):
    s, y = np.asarray(scores, dtype=float), np.asarray(y)
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    t = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a, b = 0.0, 0.0
    for _ in range(300):
        p = 0.5 * (1 + np.tanh((a * s + b) / 2))
        a -= 0.05 * np.mean((p - t) * s)
        b -= 0.05 * np.mean(p - t)
    return float(a), float(b)


def platt_predict(scores, a, b):
    z = a * np.asarray(scores, dtype=float) + b
    return 0.5 * (1 + np.tanh(z / 2))
