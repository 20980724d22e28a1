# expect: wrong_answer
# Returns the labels computed *before* the last update: when the loop ends on max_iters the labels no
# longer belong to the centroids returned, and neither does the inertia.
import numpy as np


def kmeans_plus_plus(X, k, seed):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    idx = [int(rng.integers(len(X)))]
    for _ in range(1, k):
        d2 = np.min(((X[:, None, :] - X[idx][None, :, :]) ** 2).sum(-1), axis=1)
        idx.append(int(rng.choice(len(X), p=d2 / d2.sum())))
    return X[idx].copy()


def kmeans(X, init_centroids, max_iters=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    labels = None
    for _ in range(max_iters):
        labels = np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(-1), axis=1)
        new_C = np.array([X[labels == j].mean(0) if np.any(labels == j) else C[j] for j in range(len(C))])
        if np.allclose(new_C, C):
            C = new_C
            break
        C = new_C
    if labels is None:
        labels = np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(-1), axis=1)
    return C, labels, float(((X - C[labels]) ** 2).sum())
