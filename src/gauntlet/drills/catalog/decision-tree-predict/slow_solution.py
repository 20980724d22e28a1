# Slow but correct: each row walks from the root to its leaf on its own in a Python loop, and
# tree_predict walks every row again, instead of moving all rows down one level at a time.
import math

import numpy as np


def _leaf_of(tree, row):
    node = 0
    while tree["children_left"][node] != -1:
        value = float(row[tree["feature"][node]])
        if math.isnan(value):
            go_left = bool(tree["missing_go_to_left"][node])
        else:
            go_left = value <= float(tree["threshold"][node])
        if go_left:
            node = int(tree["children_left"][node])
        else:
            node = int(tree["children_right"][node])
    return node


def tree_apply(tree, X):
    X = np.asarray(X, dtype=np.float64)
    leaves = []
    for row in X:
        leaves.append(_leaf_of(tree, row))
    return np.array(leaves, dtype=np.int64)


def tree_predict(tree, X):
    values = np.asarray(tree["value"], dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    out = np.zeros((len(X), values.shape[1]))
    for i in range(len(X)):
        out[i] = values[_leaf_of(tree, X[i])]
    return out
