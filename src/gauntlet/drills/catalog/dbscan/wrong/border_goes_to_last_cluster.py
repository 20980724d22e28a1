# expect: wrong_answer
# Labels every neighbour of a core point with the current cluster, overwriting labels set earlier: a border
# point shared by two clusters ends up in the LAST cluster that reaches it, not the first.
import numpy as np


def dbscan(X, eps, min_samples):
    X = np.asarray(X, dtype=float)
    n = len(X)
    labels = np.full(n, -1)
    neighbours = [np.flatnonzero(np.linalg.norm(X - X[i], axis=1) <= eps) for i in range(n)]
    core = np.array([len(nb) >= min_samples for nb in neighbours], dtype=bool)
    cluster = 0
    for i in range(n):
        if labels[i] != -1 or not core[i]:
            continue
        seen = {i}
        stack = [i]
        while stack:
            p = stack.pop()
            labels[neighbours[p]] = cluster
            for q in neighbours[p]:
                if core[q] and q not in seen:
                    seen.add(q)
                    stack.append(q)
        cluster += 1
    return labels
