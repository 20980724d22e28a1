import numpy as np


def example_counts_and_smoothing(sol):
    X = np.array([[2, 1, 0], [0, 1, 3], [1, 0, 0]])
    y = np.array([1, 0, 1])
    classes, prior, theta = (np.asarray(a) for a in sol.nb_fit(X, y, alpha=1.0))
    assert classes.tolist() == [0, 1], f"classes sorted: got {classes.tolist()}"
    assert np.allclose(prior, np.log([1 / 3, 2 / 3])), f"got {prior}"
    # class 1 totals [3, 1, 0] + 1 = [4, 2, 1], over 4 + 3 = 7
    assert np.allclose(np.exp(theta[1]), [4 / 7, 2 / 7, 1 / 7]), f"got {np.exp(theta[1])}"


def example_posterior_sums_to_one(sol):
    _, prior, theta = sol.nb_fit(np.array([[3, 0], [0, 3]]), np.array([0, 1]))
    log_p = np.asarray(sol.nb_predict_log_proba(np.array([[1, 0], [0, 0]]), prior, theta))
    assert np.allclose(np.exp(log_p).sum(axis=1), 1.0), f"got {np.exp(log_p)}"
    assert log_p[0, 0] > log_p[0, 1] and np.allclose(log_p[1], np.log(0.5)), "an empty document gets the prior"
