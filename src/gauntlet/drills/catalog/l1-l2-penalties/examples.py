import numpy as np


def example_l1_at_zero(sol):
    value, sub = sol.l1_penalty(np.array([2.0, -3.0, 0.0]), 0.5)
    assert np.isclose(value, 2.5), f"0.5 * (2 + 3 + 0) = 2.5, got {value}"
    assert np.allclose(sub, [0.5, -0.5, 0.0]), f"the subgradient at w_j = 0 is 0, got {sub}"


def example_l2_convention(sol):
    value, grad = sol.l2_penalty(np.array([1.0, -2.0]), 0.1)
    assert np.isclose(value, 0.25), f"(0.1 / 2) * (1 + 4) = 0.25, got {value}"
    assert np.allclose(grad, [0.1, -0.2]), f"gradient is lam * w, got {grad}"


def example_soft_threshold(sol):
    out = sol.soft_threshold(np.array([3.0, -0.5, 1.0, -4.0]), 1.0)
    assert np.allclose(out, [2.0, 0.0, 0.0, -3.0]), f"small entries become exactly 0, got {out}"
