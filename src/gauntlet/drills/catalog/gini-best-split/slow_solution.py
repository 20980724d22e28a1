# Slow but correct: every candidate threshold re-scans all n rows to split them and recount the classes
# on each side (O(d * n^2)), instead of sorting each column once and updating counts as the threshold moves.
import numpy as np


def gini_impurity(y):
    labels = list(np.asarray(y).reshape(-1).tolist())
    if not labels:
        return 0.0
    counts = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    impurity = 1.0
    for count in counts.values():
        impurity -= (count / len(labels)) ** 2
    return impurity


def _gini_of_counts(counts, size):
    if size == 0:
        return 0.0
    return 1.0 - float(np.sum((counts / size) ** 2))


def best_split(X, y):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, d = X.shape
    _, codes = np.unique(y, return_inverse=True)
    codes = codes.reshape(-1)
    n_classes = int(codes.max()) + 1 if n else 0
    best = None
    for j in range(d):
        values = sorted(set(X[:, j].tolist()))
        for k in range(len(values) - 1):
            threshold = (values[k] + values[k + 1]) / 2.0
            goes_left = X[:, j] <= threshold
            left = np.bincount(codes[goes_left], minlength=n_classes)
            right = np.bincount(codes[~goes_left], minlength=n_classes)
            n_left, n_right = int(left.sum()), int(right.sum())
            impurity = (n_left * _gini_of_counts(left, n_left) + n_right * _gini_of_counts(right, n_right)) / n
            if best is None or impurity < best[2]:  # strict: the earlier feature and threshold win ties
                best = (j, threshold, impurity)
    return best
