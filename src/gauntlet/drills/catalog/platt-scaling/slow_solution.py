# Slow but correct: Newton's method where the gradient, the Hessian and every loss of the step-halving
# search are accumulated in pure-Python loops over the examples (math.exp one score at a time).
import math

import numpy as np


def _sigmoid(z):
    e = math.exp(-abs(z))
    if z >= 0:
        return 1.0 / (1.0 + e)
    return e / (1.0 + e)


def _loss(a, b, scores, targets):
    total = 0.0
    for s, t in zip(scores, targets):
        z = a * s + b
        total += max(z, 0.0) + math.log1p(math.exp(-abs(z))) - t * z  # log(1 + e^z) - t z, stably
    return total


def platt_fit(scores, y):
    scores = [float(s) for s in scores]
    labels = [int(v) for v in y]
    n_pos = sum(1 for label in labels if label == 1)
    n_neg = len(labels) - n_pos
    targets = [(n_pos + 1.0) / (n_pos + 2.0) if label == 1 else 1.0 / (n_neg + 2.0) for label in labels]
    a, b = 0.0, math.log((n_pos + 1.0) / (n_neg + 1.0))
    loss = _loss(a, b, scores, targets)
    for _ in range(100):
        g_a = g_b = h_aa = h_ab = h_bb = 0.0
        for s, t in zip(scores, targets):
            p = _sigmoid(a * s + b)
            w = p * (1.0 - p)
            g_a += (p - t) * s
            g_b += p - t
            h_aa += w * s * s
            h_ab += w * s
            h_bb += w
        step_a, step_b = np.linalg.solve(np.array([[h_aa, h_ab], [h_ab, h_bb]]), np.array([g_a, g_b]))
        size = 1.0
        while True:  # halve the Newton step until the loss does not increase
            new_a, new_b = a - size * step_a, b - size * step_b
            new_loss = _loss(new_a, new_b, scores, targets)
            if new_loss <= loss or size < 1e-10:
                break
            size /= 2.0
        a, b, loss = float(new_a), float(new_b), new_loss
        if abs(size * step_a) <= 1e-13 * (1.0 + abs(a)) and abs(size * step_b) <= 1e-13 * (1.0 + abs(b)):
            break
    return a, b


def platt_predict(scores, a, b):
    return np.array([_sigmoid(a * float(s) + b) for s in scores], dtype=np.float64)
