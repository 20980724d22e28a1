# expect: wrong_answer
# Averages the two children's impurities without weighting by their sizes: a split that peels off one
# pure sample looks as good as a balanced one.
import numpy as np


def gini_impurity(y):
    y = np.asarray(y)
    if y.size == 0:
        return 0.0
    _, c = np.unique(y, return_counts=True)
    return float(1 - np.sum((c / y.size) ** 2))


def best_split(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    best = None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for a, b in zip(values[:-1], values[1:]):
            t = (a + b) / 2
            left = X[:, j] <= t
            score = (gini_impurity(y[left]) + gini_impurity(y[~left])) / 2
            if best is None or score < best[2]:
                best = (j, float(t), float(score))
    return best
