# expect: wrong_answer
# Forward is right, but the backward pass only applies the mask: the gradient of the kept elements is
# missing the 1 / (1 - p) factor the forward pass multiplied them by.
import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= p
    if p == 1:
        return np.zeros_like(x), mask
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(grad_out, mask, p):
    grad_out = np.asarray(grad_out)
    return (grad_out * mask).astype(grad_out.dtype)
