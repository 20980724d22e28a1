import numpy as np


def example_majority_of_three(sol):
    X_train = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    y_train = np.array([0, 0, 1, 1, 1])
    pred = sol.knn_predict(X_train, y_train, np.array([[0.5], [10.5]]), 3)
    assert np.asarray(pred).tolist() == [0, 1], f"expected [0, 1], got {np.asarray(pred).tolist()}"


def example_vote_tie_smallest_label(sol):
    X_train = np.array([[0.0, 0.0], [0.0, 1.0]])
    y_train = np.array([7, 3])
    pred = sol.knn_predict(X_train, y_train, np.array([[5.0, 5.0]]), 2)
    assert np.asarray(pred).tolist() == [3], f"one vote each: the smaller label 3 wins, got {pred}"


def example_distance_tie_smaller_index(sol):
    X_train = np.array([[-1.0], [1.0], [3.0]])
    y_train = np.array([4, 2, 2])
    pred = sol.knn_predict(X_train, y_train, np.array([[0.0]]), 1)
    # points 0 and 1 are both at distance 1: index 0 is taken
    assert np.asarray(pred).tolist() == [4], f"expected [4], got {np.asarray(pred).tolist()}"
