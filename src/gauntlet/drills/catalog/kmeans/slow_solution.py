# Slow but correct: Lloyd's assignment loops over the points in Python (each compared with every centroid),
# and k-means++ recomputes every point's distance to all chosen centroids after each pick, then samples by
# walking the cumulative weights in Python.
import numpy as np


def kmeans_plus_plus(X, k, seed):
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.default_rng(seed)
    n = len(X)
    chosen = [int(rng.integers(n))]
    while len(chosen) < k:
        weights = []
        for i in range(n):
            nearest = min(float(((X[i] - X[c]) ** 2).sum()) for c in chosen)  # recomputed from scratch
            weights.append(nearest)
        target = rng.random() * sum(weights)
        running = 0.0
        pick = None
        for i, weight in enumerate(weights):
            running += weight
            if running > target and weight > 0:
                pick = i
                break
        if pick is None:  # rounding left the target at the very end: take the last point with weight
            pick = max(i for i, weight in enumerate(weights) if weight > 0)
        chosen.append(pick)
    return X[chosen].copy()


def _assign(X, C):
    labels = []
    for x in X:
        distances = ((C - x) ** 2).sum(axis=1)
        best = 0
        for j in range(1, len(C)):
            if distances[j] < distances[best]:  # strict: ties stay with the lower index
                best = j
        labels.append(best)
    return np.array(labels, dtype=np.int64)


def _update(X, labels, C):
    new = C.copy()
    for j in range(len(C)):
        members = X[labels == j]
        if len(members) > 0:
            new[j] = members.mean(axis=0)
    return new


def kmeans(X, init_centroids, max_iters=100):
    X = np.asarray(X, dtype=np.float64)
    C = np.array(init_centroids, dtype=np.float64)
    labels = _assign(X, C)
    for _ in range(max_iters):
        C = _update(X, labels, C)
        new_labels = _assign(X, C)
        if list(new_labels) == list(labels):
            break
        labels = new_labels
    inertia = 0.0
    for i in range(len(X)):
        inertia += float(((X[i] - C[labels[i]]) ** 2).sum())
    return C, labels, inertia
