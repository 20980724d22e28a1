# expect: wrong_answer
# Converts X to float32 before routing (as scikit-learn does internally): a float64 value just above a
# threshold rounds onto it and goes left.
import numpy as np


def tree_apply(tree, X):
    X = np.asarray(X, dtype=np.float32)
    left, right = np.asarray(tree["children_left"]), np.asarray(tree["children_right"])
    feature, threshold = np.asarray(tree["feature"]), np.asarray(tree["threshold"])
    nan_left = np.asarray(tree["missing_go_to_left"], dtype=bool)
    node = np.zeros(len(X), dtype=np.int64)
    for _ in range(len(left)):
        inner = left[node] != -1
        if not inner.any():
            break
        r, n = np.flatnonzero(inner), node[inner]
        v = X[r, feature[n]]
        go_left = np.where(np.isnan(v), nan_left[n], v <= threshold[n])
        node[r] = np.where(go_left, left[n], right[n])
    return node


def tree_predict(tree, X):
    return np.asarray(tree["value"], dtype=float)[tree_apply(tree, X)]
