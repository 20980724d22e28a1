# expect: wrong_answer
# Runs a fixed 50 iterations instead of testing the residual: enough when the eigengap is wide, far from
# converged when |lambda2 / lambda1| is close to 1.
import numpy as np


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    A = np.asarray(A, dtype=float)
    v = np.asarray(v0, dtype=float)
    v = v / np.linalg.norm(v)
    for _ in range(50):
        w = A @ v
        v = w / np.linalg.norm(w)
    return float(v @ (A @ v)), v
