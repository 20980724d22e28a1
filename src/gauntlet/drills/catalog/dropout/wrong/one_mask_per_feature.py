# expect: wrong_answer
# Draws one mask for the feature axis and broadcasts it over the batch: every example loses the same units,
# so the elements are not dropped independently.
import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    keep = np.random.default_rng(seed).random(x.shape[-1:]) >= p
    mask = np.broadcast_to(keep, x.shape).copy()
    if p == 1:
        return np.zeros_like(x), mask
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(grad_out, mask, p):
    grad_out = np.asarray(grad_out)
    if p == 1:
        return np.zeros_like(grad_out)
    return (grad_out * mask / (1 - p)).astype(grad_out.dtype)
