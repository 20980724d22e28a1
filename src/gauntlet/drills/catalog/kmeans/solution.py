import numpy as np


def _squared_distances(X, C):
    # ||x - c||^2 for every pair; clipped because the expansion can dip a hair below 0
    d = (X**2).sum(axis=1)[:, None] - 2.0 * X @ C.T + (C**2).sum(axis=1)[None, :]
    return np.maximum(d, 0.0)


def kmeans_plus_plus(X, k, seed):
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.default_rng(seed)
    n = len(X)
    chosen = [int(rng.integers(n))]
    closest = ((X - X[chosen[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        next_index = int(rng.choice(n, p=closest / closest.sum()))
        chosen.append(next_index)
        closest = np.minimum(closest, ((X - X[next_index]) ** 2).sum(axis=1))
    return X[chosen].copy()


def _assign(X, C):
    # argmin returns the first minimum: ties go to the lower centroid index
    return np.argmin(_squared_distances(X, C), axis=1)


def _update(X, labels, C):
    k = len(C)
    sums = np.zeros_like(C)
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=k)
    new = C.copy()
    filled = counts > 0
    new[filled] = sums[filled] / counts[filled][:, None]
    return new


def kmeans(X, init_centroids, max_iters=100):
    X = np.asarray(X, dtype=np.float64)
    C = np.array(init_centroids, dtype=np.float64)
    labels = _assign(X, C)
    for _ in range(max_iters):
        C = _update(X, labels, C)
        new_labels = _assign(X, C)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    inertia = float(((X - C[labels]) ** 2).sum())
    return C, labels, inertia
