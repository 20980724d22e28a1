import numpy as np


def example_shape_and_segment(sol):
    X_min = np.array([[0.0, 0.0], [2.0, 2.0]])
    new = np.asarray(sol.smote(X_min, 5, k=1, seed=0))
    assert new.shape == (5, 2), f"expected shape (5, 2), got {new.shape}"
    # with two points every synthetic point is on the segment between them: x == y and 0 <= x <= 2
    assert np.allclose(new[:, 0], new[:, 1]) and np.all((new >= 0) & (new <= 2)), f"got {new}"


def example_single_minority_point(sol):
    new = np.asarray(sol.smote(np.array([[1.0, -1.0, 3.0]]), 3, k=5, seed=0))
    assert np.allclose(new, [[1.0, -1.0, 3.0]] * 3), f"one point has no neighbour: copies, got {new}"


def example_balance_counts(sol):
    X = np.array([[0.0], [1.0], [2.0], [3.0], [10.0], [11.0]])
    y = np.array([0, 0, 0, 0, 1, 1])
    X_res, y_res = sol.balance_with_smote(X, y, k=1, seed=0)
    X_res, y_res = np.asarray(X_res), np.asarray(y_res)
    assert X_res.shape == (8, 1) and y_res.tolist() == [0, 0, 0, 0, 1, 1, 1, 1], f"got {y_res.tolist()}"
    assert np.all((X_res[6:] >= 10) & (X_res[6:] <= 11)), "synthetic minority points lie between 10 and 11"
