import numpy as np


def example_pooling_goes_back(sol):
    fit = np.asarray(sol.isotonic_fit(np.arange(5.0), np.array([1.0, 3.0, 2.0, 2.0, 5.0])))
    assert np.allclose(fit, [1.0, 7 / 3, 7 / 3, 7 / 3, 5.0]), f"got {fit}"


def example_ties_weights_and_input_order(sol):
    x = np.array([2.0, 0.0, 2.0, 1.0])
    y = np.array([1.0, 0.0, 3.0, 4.0])
    fit = np.asarray(sol.isotonic_fit(x, y, np.array([1.0, 1.0, 1.0, 2.0])))
    # x = 2 pools to y = 2 (weight 2); x = 1 has y = 4 (weight 2): violation, pooled to 3
    assert np.allclose(fit, [3.0, 0.0, 3.0, 3.0]), f"fitted values in input order, got {fit}"
