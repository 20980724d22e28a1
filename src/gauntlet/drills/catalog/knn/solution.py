import numpy as np


def _nearest(sq_dist, k):
    """Indices of the k nearest columns of every row, ordered by (distance, index)."""
    n = sq_dist.shape[1]
    if k < n:
        kth = np.partition(sq_dist, k - 1, axis=1)[:, k - 1]
    else:
        kth = sq_dist.max(axis=1)
    out = np.empty((sq_dist.shape[0], k), dtype=np.int64)
    for i, row in enumerate(sq_dist):
        # everything up to the k-th smallest distance, ties at the cut included, is a candidate;
        # lexsort then orders by distance and, among equal distances, by index
        candidates = np.flatnonzero(row <= kth[i])
        out[i] = candidates[np.lexsort((candidates, row[candidates]))[:k]]
    return out


def knn_predict(X_train, y_train, X_test, k):
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train, dtype=np.int64)

    sq_dist = (X_test**2).sum(axis=1)[:, None] - 2.0 * X_test @ X_train.T + (X_train**2).sum(axis=1)[None, :]
    votes = y_train[_nearest(sq_dist, k)]

    n_labels = int(y_train.max()) + 1
    counts = np.zeros((len(X_test), n_labels), dtype=np.int64)
    np.add.at(counts, (np.arange(len(X_test))[:, None], votes), 1)
    # argmax returns the first maximum, i.e. the smallest label among tied counts
    return counts.argmax(axis=1)
