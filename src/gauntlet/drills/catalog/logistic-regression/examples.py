import numpy as np


def example_first_step(sol):
    X = np.array([[1.0], [-1.0]])
    y = np.array([1, 0])
    w, b, losses = sol.fit_logistic_regression(X, y, lr=1.0, n_iters=1)
    # at w = 0 every p is 0.5: dL/dw = (1/2)(1 * (0.5 - 1) + (-1) * (0.5 - 0)) = -0.5, dL/db = 0
    assert np.allclose(w, [0.5]) and np.isclose(b, 0.0), f"expected w=[0.5], b=0, got {w}, {b}"
    assert np.isclose(losses[0], np.log(2.0)), f"the loss at the start is log 2, got {losses[0]}"


def example_predict_proba_is_stable(sol):
    p = sol.predict_proba(np.array([[1000.0], [-1000.0], [0.0]]), np.array([1.0]), 0.0)
    assert np.allclose(p, [1.0, 0.0, 0.5]), f"got {p}"


def example_separable_data_keeps_finite_losses(sol):
    X = np.array([[-1000.0], [1000.0]])
    y = np.array([0, 1])
    _, _, losses = sol.fit_logistic_regression(X, y, lr=0.1, n_iters=5)
    assert np.all(np.isfinite(losses)), f"losses must stay finite, got {losses}"
