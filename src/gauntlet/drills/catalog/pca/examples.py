import numpy as np


def example_points_on_a_line(sol):
    X = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    components, variance, projected = sol.pca(X, 1)
    direction = np.array([1.0, 2.0]) / np.sqrt(5.0)
    assert np.allclose(components, [direction]), f"expected [{direction}], got {components}"
    # projections -sqrt(5), 0, sqrt(5): their unbiased variance is 10 / 2 = 5
    assert np.allclose(variance, [5.0]), f"expected [5.0], got {variance}"
    assert np.allclose(projected, [[-np.sqrt(5)], [0.0], [np.sqrt(5)]]), f"got {projected}"


def example_axis_aligned(sol):
    X = np.array([[0.0, -1.0], [0.0, 1.0], [4.0, 1.0], [4.0, -1.0]])
    components, variance, _ = sol.pca(X, 2)
    assert np.allclose(components, [[1.0, 0.0], [0.0, 1.0]]), f"got {components}"
    assert np.allclose(variance, [16.0 / 3.0, 4.0 / 3.0]), f"n - 1 denominator: got {variance}"
