# expect: wrong_answer
# "k-means++" that picks every centroid uniformly among the not-yet-chosen rows: no D^2 weighting, so small
# far-away clusters are usually missed. Lloyd's part is correct.
import numpy as np


def kmeans_plus_plus(X, k, seed):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    return X[rng.choice(len(X), size=k, replace=False)].copy()


def kmeans(X, init_centroids, max_iters=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)

    def assign(C):
        return np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(-1), axis=1)

    labels = assign(C)
    for _ in range(max_iters):
        C = np.array([X[labels == j].mean(0) if np.any(labels == j) else C[j] for j in range(len(C))])
        new = assign(C)
        if np.array_equal(new, labels):
            break
        labels = new
    return C, labels, float(((X - C[labels]) ** 2).sum())
