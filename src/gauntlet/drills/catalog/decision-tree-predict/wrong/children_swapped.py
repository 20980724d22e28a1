# expect: wrong_answer
# Follows children_left when x[j] > threshold (the test written the wrong way round): every row takes the
# mirror path.
import math

import numpy as np


def tree_apply(tree, X):
    out = []
    for x in np.asarray(X, dtype=float):
        node = 0
        while tree["children_left"][node] != -1:
            v = x[tree["feature"][node]]
            go_left = tree["missing_go_to_left"][node] if math.isnan(v) else v > tree["threshold"][node]
            node = tree["children_left"][node] if go_left else tree["children_right"][node]
        out.append(node)
    return np.array(out, dtype=np.int64)


def tree_predict(tree, X):
    return np.asarray(tree["value"], dtype=float)[tree_apply(tree, X)]
