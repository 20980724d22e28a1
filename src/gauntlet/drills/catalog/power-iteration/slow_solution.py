# Slow but correct: every matrix-vector product, dot product and norm is a pure-Python loop over plain
# lists, instead of NumPy's A @ v.
import math

import numpy as np


def _matvec(rows, v):
    out = []
    for row in rows:
        total = 0.0
        for a, b in zip(row, v):
            total += a * b
        out.append(total)
    return out


def _norm(v):
    total = 0.0
    for value in v:
        total += value * value
    return math.sqrt(total)


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    rows = np.asarray(A, dtype=np.float64).tolist()
    v = [float(x) for x in v0]
    length = _norm(v)
    v = [x / length for x in v]
    eigenvalue = 0.0
    for _ in range(max_iter):
        w = _matvec(rows, v)
        eigenvalue = 0.0
        for a, b in zip(v, w):
            eigenvalue += a * b
        residual = _norm([wi - eigenvalue * vi for wi, vi in zip(w, v)])
        if residual <= tol * abs(eigenvalue):
            break
        length = _norm(w)
        v = [x / length for x in w]
    return eigenvalue, np.array(v, dtype=np.float64)
