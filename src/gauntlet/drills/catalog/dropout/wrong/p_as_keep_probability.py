# expect: wrong_answer
# Reads p as the probability of KEEPING an element (the old TensorFlow keep_prob): with p = 0.1 it keeps 10%
# of the activations instead of 90%, and scales them by 1 / (1 - p) as asked.
import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) < p
    if p == 1:
        return np.zeros_like(x), mask
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(grad_out, mask, p):
    grad_out = np.asarray(grad_out)
    if p == 1:
        return np.zeros_like(grad_out)
    return (grad_out * mask / (1 - p)).astype(grad_out.dtype)
