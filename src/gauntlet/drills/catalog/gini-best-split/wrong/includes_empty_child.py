# expect: wrong_answer
# Also tries a threshold at the largest value, which sends every row left: a "split" with an empty child.
# It is returned for constant features, where the answer should be None.
import numpy as np


def gini_impurity(y):
    y = np.asarray(y)
    if y.size == 0:
        return 0.0
    _, c = np.unique(y, return_counts=True)
    return float(1 - np.sum((c / y.size) ** 2))


def best_split(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n = len(y)
    best = None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        thresholds = list((values[:-1] + values[1:]) / 2) + [values[-1]]
        for t in thresholds:
            left = X[:, j] <= t
            score = (left.sum() * gini_impurity(y[left]) + (~left).sum() * gini_impurity(y[~left])) / n
            if best is None or score < best[2]:
                best = (j, float(t), float(score))
    return best
