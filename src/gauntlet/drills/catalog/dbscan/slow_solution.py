# Slow but correct: neighbourhoods are never stored: each is recomputed (a distance row, then a Python scan
# of all n distances) once to find the core points and again whenever a point is expanded.
import numpy as np


def _neighbours(X, i, eps):
    distances = np.sqrt(((X - X[i]) ** 2).sum(axis=1)).tolist()
    found = []
    for j in range(len(distances)):
        if distances[j] <= eps:
            found.append(j)
    return found


def dbscan(X, eps, min_samples):
    X = np.asarray(X, dtype=np.float64)
    n = len(X)
    is_core = []
    for i in range(n):
        is_core.append(len(_neighbours(X, i, eps)) >= min_samples)
    labels = [-1] * n
    cluster = 0
    for start in range(n):
        if labels[start] != -1 or not is_core[start]:
            continue
        labels[start] = cluster
        to_expand = [start]
        while to_expand:
            point = to_expand.pop(0)
            for other in _neighbours(X, point, eps):  # recomputed, not cached
                if labels[other] == -1:
                    labels[other] = cluster
                    if is_core[other]:
                        to_expand.append(other)
        cluster += 1
    return np.array(labels, dtype=np.int64)
