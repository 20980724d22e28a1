import numpy as np


def example_uniform_attention(sol):
    Q = np.zeros((1, 2))  # a zero query scores 0 against every key: uniform weights
    K = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    V = np.array([[3.0], [6.0], [9.0]])
    out, w = sol.scaled_dot_product_attention(Q, K, V)
    assert np.allclose(w, [[1 / 3, 1 / 3, 1 / 3]]) and np.allclose(out, [[6.0]]), f"got {w}, {out}"


def example_scaling_by_sqrt_dk(sol):
    Q = np.array([[1.0, 1.0, 1.0, 1.0]])
    K = np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]])
    _, w = sol.scaled_dot_product_attention(Q, K, np.eye(2))
    # scores 4 / sqrt(4) = 2 and 0: weights e^2 / (e^2 + 1) and 1 / (e^2 + 1)
    expected = np.array([np.exp(2), 1.0]) / (np.exp(2) + 1)
    assert np.allclose(w, [expected]), f"expected {expected}, got {w}"


def example_causal_mask(sol):
    m = np.asarray(sol.causal_mask(3))
    expected = [[True, False, False], [True, True, False], [True, True, True]]
    assert m.dtype == bool and m.tolist() == expected, f"got {m}"
