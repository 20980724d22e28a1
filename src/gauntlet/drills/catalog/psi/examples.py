import math

import numpy as np


def example_same_distribution(sol):
    x = np.arange(100.0)
    assert math.isclose(sol.psi(x, x[::-1], n_bins=4), 0.0, abs_tol=1e-12), "the same values give PSI 0"


def example_small_shift(sol):
    expected = np.arange(1.0, 9.0)  # quartile edges 2.75, 4.5, 6.25: two values per bin
    actual = np.array([1.0, 3.0, 4.0, 5.0, 7.0, 8.0, 9.0, 10.0])  # bins get 1, 2, 1, 4 values
    e, a = np.full(4, 0.25), np.array([1, 2, 1, 4]) / 8
    got = sol.psi(expected, actual, n_bins=4)
    assert math.isclose(got, float(np.sum((a - e) * np.log(a / e)))), f"got {got}"


def example_value_on_an_edge(sol):
    expected = np.array([1.0, 2.0, 3.0, 4.0, 5.0])  # n_bins=2: one edge, the median 3.0
    # 3.0 belongs to (-inf, 3]: expected has 3/5 there; actual [3, 3, 3, 9] has 3/4
    got = sol.psi(expected, np.array([3.0, 3.0, 3.0, 9.0]), n_bins=2)
    e, a = np.array([0.6, 0.4]), np.array([0.75, 0.25])
    assert math.isclose(got, float(np.sum((a - e) * np.log(a / e)))), f"bins are closed on the right: got {got}"
