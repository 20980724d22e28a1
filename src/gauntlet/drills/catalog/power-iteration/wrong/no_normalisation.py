# expect: wrong_answer
# Iterates v <- A v and only normalises at the end: with eigenvalues far from 1 the iterate overflows to inf
# (or underflows to 0) long before it converges.
import numpy as np


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    A = np.asarray(A, dtype=float)
    v = np.asarray(v0, dtype=float)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(min(max_iter, 5000)):
            w = A @ v
            u = v / np.linalg.norm(v)
            value = float(u @ (A @ u))
            if np.linalg.norm(A @ u - value * u) <= tol * abs(value):
                break
            v = w
        u = v / np.linalg.norm(v)
        return float(u @ (A @ u)), u
