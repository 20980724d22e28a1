# expect: wrong_answer
# Grows clusters from every point it reaches, border points included: a chain of border points then links
# clusters that DBSCAN keeps apart, and points near a border point join although no core point is near them.
import numpy as np


def dbscan(X, eps, min_samples):
    X = np.asarray(X, dtype=float)
    n = len(X)
    labels = np.full(n, -1)
    neighbours = [np.flatnonzero(np.linalg.norm(X - X[i], axis=1) <= eps) for i in range(n)]
    core = [len(nb) >= min_samples for nb in neighbours]
    cluster = 0
    for i in range(n):
        if labels[i] != -1 or not core[i]:
            continue
        labels[i] = cluster
        stack = [i]
        while stack:
            p = stack.pop()
            for q in neighbours[p]:
                if labels[q] == -1:
                    labels[q] = cluster
                    stack.append(q)
        cluster += 1
    return labels
