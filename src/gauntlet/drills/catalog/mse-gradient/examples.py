import numpy as np


def example_small_vector(sol):
    loss = sol.mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]))
    # only the last element is off, by 2: (0 + 0 + 4) / 3
    assert np.isclose(loss, 4.0 / 3.0), f"expected 1.3333, got {loss}"


def example_gradient_sign(sol):
    grad = sol.mse_gradient(np.array([0.0, 0.0]), np.array([1.0, -3.0]))
    # (2/N)(ŷ - y) with N = 2: an over-prediction gives a positive gradient
    assert np.allclose(grad, [1.0, -3.0]), f"expected [1, -3], got {grad}"


def example_integer_lists(sol):
    loss = sol.mse([1, 2], [2, 2])
    assert np.isclose(loss, 0.5), f"integer inputs must give a float: expected 0.5, got {loss}"
