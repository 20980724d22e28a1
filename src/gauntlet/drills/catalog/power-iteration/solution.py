import numpy as np


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    A = np.asarray(A, dtype=np.float64)
    v = np.asarray(v0, dtype=np.float64)
    v = v / np.linalg.norm(v)
    eigenvalue = 0.0
    for _ in range(max_iter):
        w = A @ v
        eigenvalue = float(v @ w)  # Rayleigh quotient: the sign survives when the iterates flip
        if np.linalg.norm(w - eigenvalue * v) <= tol * abs(eigenvalue):
            break
        v = w / np.linalg.norm(w)
    return eigenvalue, v
