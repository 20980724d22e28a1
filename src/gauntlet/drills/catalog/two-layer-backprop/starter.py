import numpy as np


def two_layer_forward_backward(X, y, W1, b1, W2, b2, reg=0.0):
    """Loss and gradients of a two-layer ReLU network with a softmax cross-entropy output.

    Forward: Z = relu(X @ W1 + b1) @ W2 + b2; loss = mean cross-entropy of y under softmax(Z)
    + (reg / 2) * (sum(W1 ** 2) + sum(W2 ** 2)).

    Args:
        X: float array (N, D).
        y: int array (N,), labels in [0, K).
        W1: float array (D, H); b1: float array (H,).
        W2: float array (H, K); b2: float array (K,).
        reg: L2 strength on W1 and W2 (not on the biases), >= 0.

    Returns:
        (loss, grads): loss a float; grads a dict with keys "W1", "b1", "W2", "b2" holding float64 arrays
        shaped like the parameters.
    """
    raise NotImplementedError
