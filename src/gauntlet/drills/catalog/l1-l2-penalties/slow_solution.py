# Slow but correct: every penalty, gradient and threshold is computed coordinate by coordinate in a Python
# loop with if/else branches, instead of whole-vector NumPy expressions.
import numpy as np


def _sign(value):
    if value > 0:
        return 1.0
    if value < 0:
        return -1.0
    return 0.0


def l1_penalty(w, lam):
    values = [float(v) for v in np.asarray(w, dtype=np.float64).reshape(-1)]
    total = 0.0
    subgradient = []
    for value in values:
        total += abs(value)
        subgradient.append(lam * _sign(value))
    return lam * total, np.array(subgradient, dtype=np.float64)


def l2_penalty(w, lam):
    values = [float(v) for v in np.asarray(w, dtype=np.float64).reshape(-1)]
    total = 0.0
    gradient = []
    for value in values:
        total += value * value
        gradient.append(lam * value)
    return 0.5 * lam * total, np.array(gradient, dtype=np.float64)


def soft_threshold(w, t):
    out = []
    for value in np.asarray(w, dtype=np.float64).reshape(-1):
        value = float(value)
        if abs(value) > t:
            out.append(value - t * _sign(value))
        else:
            out.append(0.0)
    return np.array(out, dtype=np.float64)
