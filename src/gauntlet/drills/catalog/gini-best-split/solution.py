import numpy as np


def gini_impurity(y):
    y = np.asarray(y)
    if y.size == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / y.size
    return float(1.0 - np.sum(p * p))


def best_split(X, y):
    X = np.asarray(X, dtype=np.float64)
    _, y_codes = np.unique(np.asarray(y), return_inverse=True)
    n, d = X.shape
    n_classes = int(y_codes.max()) + 1 if n else 0
    one_hot = np.eye(n_classes)[y_codes]
    totals = one_hot.sum(axis=0)

    best = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        values = X[order, j]
        # a cut after sorted position i is a candidate only where the next value differs
        cut = np.flatnonzero(values[1:] != values[:-1])
        if cut.size == 0:
            continue
        left_counts = np.cumsum(one_hot[order], axis=0)[cut]
        right_counts = totals - left_counts
        n_left = (cut + 1).astype(np.float64)
        n_right = n - n_left
        gini_left = 1.0 - np.sum(left_counts**2, axis=1) / n_left**2
        gini_right = 1.0 - np.sum(right_counts**2, axis=1) / n_right**2
        weighted = (n_left * gini_left + n_right * gini_right) / n
        i = int(np.argmin(weighted))  # first minimum = smallest threshold among ties
        # strict < keeps the earlier feature on ties
        if best is None or weighted[i] < best[2]:
            threshold = (values[cut[i]] + values[cut[i] + 1]) / 2.0
            best = (j, float(threshold), float(weighted[i]))
    return best
