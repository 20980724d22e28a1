# expect: wrong_answer
# Uses the left value itself as the threshold instead of the midpoint. The partition of the training rows
# is the same, but the returned threshold is not the one specified (and generalises worse: any unseen value
# just above v_i goes right).
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
        for t in values[:-1]:
            left = X[:, j] <= t
            score = (left.sum() * gini_impurity(y[left]) + (~left).sum() * gini_impurity(y[~left])) / n
            if best is None or score < best[2]:
                best = (j, float(t), float(score))
    return best
