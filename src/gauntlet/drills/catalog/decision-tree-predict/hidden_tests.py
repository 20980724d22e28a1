import math

import numpy as np


def _random_tree(seed, n_features, max_depth, k=1, p_split=0.8, grid=None):
    """A random tree in flat-array form, nodes numbered depth-first as scikit-learn does."""
    rng = np.random.default_rng(seed)
    left, right, feature, threshold, nan_left = [], [], [], [], []

    def grow(depth):
        node = len(left)
        for array, filler in ((left, -1), (right, -1), (feature, -2), (threshold, -2.0), (nan_left, False)):
            array.append(filler)
        if depth < max_depth and (depth == 0 or rng.random() < p_split):
            feature[node] = int(rng.integers(n_features))
            threshold[node] = float(rng.choice(grid)) if grid is not None else float(rng.normal())
            nan_left[node] = bool(rng.integers(2))
            left[node] = grow(depth + 1)
            right[node] = grow(depth + 1)
        return node

    grow(0)
    m = len(left)
    return {"children_left": np.array(left), "children_right": np.array(right), "feature": np.array(feature),
            "threshold": np.array(threshold), "missing_go_to_left": np.array(nan_left),
            "value": rng.normal(size=(m, k))}


def _reference_leaf(tree, x):
    node = 0
    while tree["children_left"][node] != -1:
        v = x[tree["feature"][node]]
        if math.isnan(v):
            go_left = bool(tree["missing_go_to_left"][node])
        else:
            go_left = v <= tree["threshold"][node]
        node = tree["children_left"][node] if go_left else tree["children_right"][node]
    return node


def _check(sol, tree, X):
    leaves = np.asarray(sol.tree_apply(tree, X))
    assert leaves.shape == (len(X),), f"tree_apply returns one leaf per row, shape {(len(X),)}"
    expected = np.array([_reference_leaf(tree, x) for x in X], dtype=np.int64)
    wrong = np.flatnonzero(leaves.astype(np.int64) != expected) if len(X) else np.zeros(0, int)
    assert wrong.size == 0, (
        f"{wrong.size} rows reach the wrong leaf, e.g. row {wrong[0]} = {X[wrong[0]].tolist()}: expected leaf "
        f"{expected[wrong[0]]}, got {leaves[wrong[0]]}" if wrong.size else ""
    )
    values = np.asarray(sol.tree_predict(tree, X))
    assert values.shape == (len(X), tree["value"].shape[1]), "tree_predict returns (n, k)"
    assert np.array_equal(values, tree["value"][expected]), "tree_predict returns the leaf's stored value"


def test_edge_root_is_a_leaf(sol):
    tree = _random_tree(0, 3, 0)
    _check(sol, tree, np.random.default_rng(1).normal(size=(5, 3)))


def test_edge_no_rows(sol):
    tree = _random_tree(2, 3, 4)
    assert np.asarray(sol.tree_apply(tree, np.zeros((0, 3)))).shape == (0,)


def test_edge_values_equal_to_thresholds_go_left(sol):
    grid = [-1.0, 0.0, 0.5, 2.0]
    tree = _random_tree(3, 2, 6, grid=grid)
    X = np.array([[a, b] for a in grid for b in grid])  # every value sits exactly on some threshold
    _check(sol, tree, X)


def test_edge_missing_values_follow_each_node(sol):
    tree = _random_tree(4, 3, 8)
    rng = np.random.default_rng(5)
    X = rng.normal(size=(300, 3))
    X[rng.random(X.shape) < 0.3] = np.nan
    _check(sol, tree, X)
    _check(sol, tree, np.full((2, 3), np.nan))


def test_shape_classification_values(sol):
    tree = _random_tree(6, 4, 5, k=3)
    _check(sol, tree, np.random.default_rng(7).normal(size=(50, 4)))


def test_random_trees(sol):
    rng = np.random.default_rng(8)
    for _ in range(8):
        d = int(rng.integers(1, 6))
        tree = _random_tree(int(rng.integers(1000)), d, int(rng.integers(1, 12)), k=int(rng.integers(1, 4)))
        X = np.round(rng.normal(size=(200, d)), 1)
        X[rng.random(X.shape) < 0.05] = np.nan
        _check(sol, tree, X)


def test_property_leaves_are_leaves(sol):
    tree = _random_tree(9, 3, 10)
    leaves = np.asarray(sol.tree_apply(tree, np.random.default_rng(10).normal(size=(1000, 3))))
    assert np.all(tree["children_left"][leaves] == -1), "tree_apply must stop at leaves"


def test_numeric_float32_rounding_near_thresholds(sol):
    tree = _random_tree(11, 2, 6)
    internal = np.flatnonzero(tree["children_left"] != -1)
    X = np.zeros((2 * len(internal), 2))
    for i, node in enumerate(internal):
        t = tree["threshold"][node]
        X[2 * i, :] = np.nextafter(t, np.inf)  # just above: right in float64, but float32 rounds it onto t
        X[2 * i + 1, :] = np.nextafter(t, -np.inf)
    _check(sol, tree, X)


def test_numeric_deep_tree_many_rows(sol):
    tree = _random_tree(12, 8, 20, p_split=0.75)
    X = np.random.default_rng(13).normal(size=(30_000, 8))
    leaves = np.asarray(sol.tree_apply(tree, X))
    sample = np.random.default_rng(14).choice(30_000, size=2000, replace=False)
    expected = np.array([_reference_leaf(tree, X[i]) for i in sample])
    assert np.array_equal(leaves[sample], expected), "rows reach the wrong leaves on a deep tree"
