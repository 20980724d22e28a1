# expect: wrong_answer
# Uses distance < eps: points exactly eps apart (common with gridded or rounded data) are not neighbours.
import numpy as np


def dbscan(X, eps, min_samples):
    X = np.asarray(X, dtype=float)
    n = len(X)
    labels = np.full(n, -1)
    neighbours = [np.flatnonzero(np.linalg.norm(X - X[i], axis=1) < eps) for i in range(n)]
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
                    if core[q]:
                        stack.append(q)
        cluster += 1
    return labels
