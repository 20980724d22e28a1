# expect: wrong_answer
# Estimates the eigenvalue as (A v)_0 / v_0, the ratio of first components: meaningless when the dominant
# eigenvector's first entry is (close to) zero.
import numpy as np


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    A = np.asarray(A, dtype=float)
    v = np.asarray(v0, dtype=float)
    v = v / np.linalg.norm(v)
    value = 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(max_iter):
            w = A @ v
            value = float(w[0] / v[0]) if v[0] != 0 else 0.0
            if np.linalg.norm(w - (v @ w) * v) <= tol * abs(v @ w):
                break
            v = w / np.linalg.norm(w)
    return value, v
