import numpy as np


def example_shifted_samples(sol):
    d = sol.ks_statistic(np.array([1.0, 2.0, 3.0, 4.0]), np.array([3.0, 4.0, 5.0, 6.0]))
    # at x = 2: F_a = 2/4, F_b = 0 -> gap 0.5 (it stays 0.5 through x = 4)
    assert np.isclose(d, 0.5), f"expected 0.5, got {d}"


def example_identical_values_with_ties(sol):
    d = sol.ks_statistic(np.array([1.0, 1.0, 2.0]), np.array([2.0, 1.0, 1.0]))
    assert np.isclose(d, 0.0), f"same multiset of values -> D = 0, got {d}"


def example_cross_sample_tie(sol):
    d = sol.ks_statistic(np.array([0.0, 1.0]), np.array([1.0, 2.0]))
    # F_a - F_b: x=0 -> 1/2 - 0; x=1 -> 1 - 1/2; x=2 -> 1 - 1. The max gap is 0.5, not 1
    assert np.isclose(d, 0.5), f"expected 0.5, got {d}"
