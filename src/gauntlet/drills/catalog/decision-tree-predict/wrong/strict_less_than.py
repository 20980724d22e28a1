# expect: wrong_answer
# Sends a row left only when x[j] < threshold: a value exactly on the threshold goes right. Trees learned on
# discrete or rounded features put thresholds where data sit, so this misroutes real rows.
import math

import numpy as np


def tree_apply(tree, X):
    out = []
    for x in np.asarray(X, dtype=float):
        node = 0
        while tree["children_left"][node] != -1:
            v = x[tree["feature"][node]]
            go_left = tree["missing_go_to_left"][node] if math.isnan(v) else v < tree["threshold"][node]
            node = tree["children_left"][node] if go_left else tree["children_right"][node]
        out.append(node)
    return np.array(out, dtype=np.int64)


def tree_predict(tree, X):
    return np.asarray(tree["value"], dtype=float)[tree_apply(tree, X)]
