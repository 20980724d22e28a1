import numpy as np


def example_first_round_from_zero(sol):
    F, y, leaf = np.zeros(4), np.array([1, 1, 0, 1]), np.array([0, 0, 1, 1])
    F_new, values = (np.asarray(a) for a in sol.gradient_boosting_step(F, y, leaf, 2, learning_rate=0.5))
    # p = 0.5 everywhere: leaf 0 has r = [0.5, 0.5], h = [0.25, 0.25] -> 2; leaf 1 has r = [-0.5, 0.5] -> 0
    assert np.allclose(values, [2.0, 0.0]), f"got {values}"
    assert np.allclose(F_new, [1.0, 1.0, 0.0, 0.0]), f"F + 0.5 * gamma[leaf], got {F_new}"


def example_ratio_of_sums(sol):
    F, y, leaf = np.array([2.0, -1.0]), np.array([0, 1]), np.array([0, 0])
    _, values = sol.gradient_boosting_step(F, y, leaf, 1)
    p = 1 / (1 + np.exp(-F))
    expected = ((y - p).sum()) / (p * (1 - p)).sum()
    assert np.allclose(values, [expected]), f"sum(r) / sum(h) = {expected}, got {values}"
