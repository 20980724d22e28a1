import numpy as np


def dbscan(X, eps, min_samples):
    X = np.asarray(X, dtype=np.float64)
    n = len(X)
    labels = np.full(n, -1, dtype=np.int64)
    # one row of the distance matrix at a time: memory O(n) per row, exact differences
    neighbours = [np.flatnonzero(np.sqrt(((X - x) ** 2).sum(axis=1)) <= eps) for x in X]
    is_core = np.array([len(nb) >= min_samples for nb in neighbours], dtype=bool)

    cluster = 0
    for start in range(n):
        if labels[start] != -1 or not is_core[start]:
            continue
        labels[start] = cluster
        stack = [start]
        while stack:
            point = stack.pop()
            for other in neighbours[point]:  # only core points are ever on the stack: they expand the cluster
                if labels[other] == -1:
                    labels[other] = cluster  # a border point keeps the first cluster that reaches it
                    if is_core[other]:
                        stack.append(other)
        cluster += 1
    return labels
