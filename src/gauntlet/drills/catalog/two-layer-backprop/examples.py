import numpy as np


def example_zero_weights(sol):
    X = np.array([[1.0, 2.0]])
    loss, grads = sol.two_layer_forward_backward(
        X, np.array([1]), np.zeros((2, 3)), np.zeros(3), np.zeros((3, 2)), np.zeros(2)
    )
    # all logits 0: P = [0.5, 0.5], loss = log 2; only b2 gets a gradient, P - Y = [0.5, -0.5]
    assert np.isclose(loss, np.log(2.0)), f"expected log 2, got {loss}"
    assert np.allclose(grads["b2"], [0.5, -0.5]), f"got {grads['b2']}"
    assert np.allclose(grads["W1"], 0.0) and np.allclose(grads["W2"], 0.0)


def example_relu_blocks_negative_units(sol):
    X = np.array([[1.0]])
    W1 = np.array([[1.0, -1.0]])  # unit 0 active (A = 1), unit 1 inactive (A = -1)
    _loss, grads = sol.two_layer_forward_backward(X, np.array([0]), W1, np.zeros(2), np.eye(2), np.zeros(2))
    assert grads["W1"][0, 1] == 0.0 and grads["b1"][1] == 0.0, "no gradient flows through an inactive ReLU"
    assert grads["W1"][0, 0] != 0.0, "the active unit does get a gradient"


def example_regularisation_only_on_weights(sol):
    W1, W2 = np.full((1, 1), 2.0), np.full((1, 1), 3.0)
    loss, grads = sol.two_layer_forward_backward(
        np.array([[0.0]]), np.array([0]), W1, np.zeros(1), W2, np.zeros(1), reg=0.5
    )
    # one class: the data loss is 0; the penalty is 0.25 * (4 + 9)
    assert np.isclose(loss, 3.25), f"expected 3.25, got {loss}"
    assert np.allclose(grads["W2"], [[1.5]]) and np.allclose(grads["b2"], [0.0]), f"got {grads}"
