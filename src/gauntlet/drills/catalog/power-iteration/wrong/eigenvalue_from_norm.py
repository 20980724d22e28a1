# expect: wrong_answer
# Reads the eigenvalue off as ||A v||: right in size, but always positive, so a dominant eigenvalue of -10 is
# reported as +10.
import numpy as np


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    A = np.asarray(A, dtype=float)
    v = np.asarray(v0, dtype=float)
    v = v / np.linalg.norm(v)
    value = 0.0
    for _ in range(max_iter):
        w = A @ v
        value = float(np.linalg.norm(w))
        if np.linalg.norm(w - (v @ w) * v) <= tol * value:
            break
        v = w / value
    return value, v
