# expect: wrong_answer
# Takes the mean of every cluster without checking that it has points: an empty cluster's centroid becomes
# NaN (mean of an empty slice), and NaN distances then corrupt the assignment.
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

    def assign(C):
        return np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(-1), axis=1)

    labels = assign(C)
    for _ in range(max_iters):
        with np.errstate(invalid="ignore"), __import__("warnings").catch_warnings():
            __import__("warnings").simplefilter("ignore")
            C = np.array([X[labels == j].mean(0) for j in range(len(C))])
        new = assign(C)
        if np.array_equal(new, labels):
            break
        labels = new
    return C, labels, float(((X - C[labels]) ** 2).sum())
