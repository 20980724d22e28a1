# expect: wrong_answer
# Compares NaN like any number: NaN <= t is False, so every missing value goes right, whatever the node
# learned.
import numpy as np


def tree_apply(tree, X):
    out = []
    for x in np.asarray(X, dtype=float):
        node = 0
        while tree["children_left"][node] != -1:
            go_left = x[tree["feature"][node]] <= tree["threshold"][node]
            node = tree["children_left"][node] if go_left else tree["children_right"][node]
        out.append(node)
    return np.array(out, dtype=np.int64)


def tree_predict(tree, X):
    return np.asarray(tree["value"], dtype=float)[tree_apply(tree, X)]
