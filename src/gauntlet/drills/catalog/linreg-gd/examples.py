import numpy as np


def example_zero_iterations(sol):
    X = np.array([[1.0], [2.0]])
    y = np.array([3.0, 5.0])
    w, b, losses = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=0)
    assert np.allclose(w, [0.0]) and np.isclose(b, 0.0), "with no iterations we stay at the start"
    assert np.allclose(losses, [(9.0 + 25.0) / 2]), f"losses[0] is mean(y^2) = 17, got {losses}"


def example_one_step(sol):
    X = np.array([[1.0], [2.0]])
    y = np.array([3.0, 5.0])
    w, b, losses = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=1)
    # r = -y = [-3, -5]; dL/dw = (2/2)(1*-3 + 2*-5) = -13; dL/db = (2/2)(-3 - 5) = -8
    assert np.allclose(w, [1.3]) and np.isclose(b, 0.8), f"expected w=[1.3], b=0.8, got {w}, {b}"
    assert len(losses) == 2


def example_recovers_a_line(sol):
    X = np.linspace(-1.0, 1.0, 21).reshape(-1, 1)
    y = 2.0 * X[:, 0] - 1.0
    w, b, _ = sol.fit_linear_regression_gd(X, y, lr=0.2, n_iters=500)
    assert np.allclose(w, [2.0], atol=1e-6) and np.isclose(b, -1.0, atol=1e-6), f"got w={w}, b={b}"
