import numpy as np


def example_negative_polarity(sol):
    X = np.array([[1.0], [2.0], [3.0], [4.0]])
    y = np.array([1, 1, -1, -1])
    feature, threshold, polarity, error = sol.fit_stump(X, y)
    # large values are negative here, so the stump needs polarity -1
    assert (feature, threshold, polarity) == (0, 2.5, -1) and error == 0.0, (
        f"expected (0, 2.5, -1, 0.0), got {(feature, threshold, polarity, error)}"
    )


def example_weights_change_the_answer(sol):
    X = np.array([[1.0], [2.0], [3.0]])
    y = np.array([-1, 1, -1])
    _feature, threshold, polarity, error = sol.fit_stump(X, y, np.array([0.1, 0.1, 0.8]))
    # the heavy third sample must be right: predict -1 for x > 2.5 and +1 below, misclassifying sample 0
    assert (threshold, polarity) == (2.5, -1) and np.isclose(error, 0.1), (
        f"expected threshold 2.5, polarity -1, error 0.1, got {(threshold, polarity, error)}"
    )


def example_predict(sol):
    pred = sol.predict_stump(np.array([[0.0, 5.0], [0.0, 1.0]]), 1, 3.0, 1)
    assert np.asarray(pred).tolist() == [1, -1], f"got {pred}"
