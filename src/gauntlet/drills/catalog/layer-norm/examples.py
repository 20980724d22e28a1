import numpy as np


def example_forward_one_row(sol):
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    y = np.asarray(sol.layer_norm_forward(x, np.ones(4), np.zeros(4), eps=0.0))
    # mean 2.5, biased variance 1.25
    assert np.allclose(y, (x - 2.5) / np.sqrt(1.25)), f"got {y}"


def example_scale_and_shift(sol):
    x = np.array([[0.0, 2.0], [5.0, 5.0]])
    y = np.asarray(sol.layer_norm_forward(x, np.array([2.0, 3.0]), np.array([0.5, -1.0]), eps=1e-5))
    # row 0 normalises to about [-1, 1]; row 1 is constant: x_hat = 0, so y = beta
    assert np.allclose(y[1], [0.5, -1.0]) and np.allclose(y[0], [-1.5, 2.0], atol=1e-4), f"got {y}"


def example_backward_rows_sum_to_zero(sol):
    rng = np.random.default_rng(0)
    x, dy = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    dx, dgamma, dbeta = (np.asarray(a) for a in sol.layer_norm_backward(dy, x, np.ones(5)))
    assert np.allclose(dx.sum(axis=-1), 0.0, atol=1e-10), f"rows of dx sum to 0, got {dx.sum(axis=-1)}"
    assert np.allclose(dbeta, dy.sum(axis=0)), f"dbeta sums dy over the rows, got {dbeta}"
