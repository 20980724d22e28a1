import numpy as np


def example_gini_values(sol):
    assert np.isclose(sol.gini_impurity(np.array([0, 0, 1, 1])), 0.5), "two balanced classes -> 0.5"
    assert np.isclose(sol.gini_impurity(np.array([2, 2, 2])), 0.0), "pure -> 0"
    assert sol.gini_impurity(np.array([], dtype=int)) == 0.0, "empty -> 0.0"


def example_perfect_split(sol):
    X = np.array([[1.0, 5.0], [2.0, 3.0], [3.0, 5.0], [4.0, 3.0]])
    y = np.array([0, 0, 1, 1])
    feature, threshold, impurity = sol.best_split(X, y)
    assert (feature, threshold, impurity) == (0, 2.5, 0.0), (
        f"expected (0, 2.5, 0.0), got {(feature, threshold, impurity)}"
    )


def example_no_split_possible(sol):
    X = np.array([[1.0, 7.0], [1.0, 7.0]])
    assert sol.best_split(X, np.array([0, 1])) is None, "constant features offer no split"
