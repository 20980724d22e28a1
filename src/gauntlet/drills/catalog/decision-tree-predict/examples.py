import numpy as np

# node 0 tests feature 1 <= 0.5; node 1 (left) tests feature 0 <= 2.0; nodes 2, 3, 4 are leaves
TREE = {
    "children_left": np.array([1, 3, -1, -1, -1]),
    "children_right": np.array([2, 4, -1, -1, -1]),
    "feature": np.array([1, 0, -2, -2, -2]),
    "threshold": np.array([0.5, 2.0, -2.0, -2.0, -2.0]),
    "missing_go_to_left": np.array([False, True, False, False, False]),
    "value": np.array([[0.5], [0.3], [1.0], [-1.0], [7.0]]),
}


def example_routing(sol):
    X = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 9.0]])
    leaves = np.asarray(sol.tree_apply(TREE, X)).tolist()
    assert leaves == [3, 4, 2], f"expected leaves [3, 4, 2], got {leaves}"
    values = np.asarray(sol.tree_predict(TREE, X))
    assert np.allclose(values, [[-1.0], [7.0], [1.0]]), f"the leaves' stored values, got {values.tolist()}"


def example_equality_goes_left_and_nan_follows_the_node(sol):
    X = np.array([[2.0, 0.5], [np.nan, 0.0], [1.0, np.nan]])
    # row 0: 0.5 <= 0.5 left, 2.0 <= 2.0 left; row 1: NaN at node 1 goes left; row 2: NaN at node 0 goes right
    leaves = np.asarray(sol.tree_apply(TREE, X)).tolist()
    assert leaves == [3, 3, 2], f"expected leaves [3, 3, 2], got {leaves}"
