import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    """Inverted dropout.

    Args:
        x: float array (any shape), float32 or float64.
        p: probability of dropping each element, 0 <= p <= 1.
        training: False -> identity (mask all True).
        seed: seed for np.random.default_rng.

    Returns:
        (out, mask): out has x's shape and dtype, x * mask / (1 - p) in training (zeros when p == 1);
        mask is a bool array of x's shape, True = kept.
    """
    raise NotImplementedError


def dropout_backward(grad_out, mask, p):
    """Gradient of the loss w.r.t. x, given the gradient w.r.t. out and the training-mode mask.

    Returns:
        array of grad_out's shape and dtype: grad_out * mask / (1 - p) (zeros when p == 1).
    """
    raise NotImplementedError
