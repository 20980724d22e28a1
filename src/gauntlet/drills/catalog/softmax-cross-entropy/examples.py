import numpy as np


def example_softmax_rows_sum_to_one(sol):
    p = sol.softmax(np.array([[0.0, np.log(3.0)], [5.0, 5.0]]))
    assert np.allclose(p, [[0.25, 0.75], [0.5, 0.5]]), f"got {p}"


def example_huge_logits(sol):
    z = np.array([[1000.0, 0.0, -1000.0]])
    p = sol.softmax(z)
    assert np.all(np.isfinite(p)) and np.allclose(p, [[1.0, 0.0, 0.0]]), f"softmax overflowed: {p}"
    assert np.allclose(sol.log_softmax(z), [[0.0, -1000.0, -2000.0]]), "log-probabilities stay finite"


def example_cross_entropy_of_a_confident_mistake(sol):
    loss, grad = sol.cross_entropy(np.array([[1000.0, 0.0]]), np.array([1]))
    assert np.isclose(loss, 1000.0), f"-log p(class 1) = 1000, got {loss}"
    assert np.allclose(grad, [[1.0, -1.0]]), f"got {grad}"
