import numpy as np


def tree_apply(tree, X):
    """Leaf reached by every row of X.

    Args:
        tree: dict of node arrays: children_left, children_right (int, -1 at leaves), feature (int),
            threshold (float), missing_go_to_left (bool), value (float, (m, k)).
        X: float array (n, d), NaN allowed.

    Returns:
        int array (n,). Internal nodes send x[feature] <= threshold left, larger values right, and NaN to the
        side missing_go_to_left names.
    """
    raise NotImplementedError


def tree_predict(tree, X):
    """tree["value"] at the leaf of every row: float64 array (n, k)."""
    raise NotImplementedError
