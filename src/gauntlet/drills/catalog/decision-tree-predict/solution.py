import numpy as np


def tree_apply(tree, X):
    X = np.asarray(X, dtype=np.float64)
    left = np.asarray(tree["children_left"])
    right = np.asarray(tree["children_right"])
    feature = np.asarray(tree["feature"])
    threshold = np.asarray(tree["threshold"], dtype=np.float64)
    nan_left = np.asarray(tree["missing_go_to_left"], dtype=bool)

    node = np.zeros(len(X), dtype=np.int64)
    active = left[node] != -1  # rows still at an internal node
    rows = np.arange(len(X))
    while active.any():  # every row moves down one level per pass: at most depth passes
        r, n = rows[active], node[active]
        value = X[r, feature[n]]
        go_left = np.where(np.isnan(value), nan_left[n], value <= threshold[n])
        node[r] = np.where(go_left, left[n], right[n])
        active[r] = left[node[r]] != -1
    return node


def tree_predict(tree, X):
    return np.asarray(tree["value"], dtype=np.float64)[tree_apply(tree, X)]
