# expect: wrong_answer
# Right for p < 1, but always divides by (1 - p): at p = 1 every element is 0 / 0 = NaN.
import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= p
    with np.errstate(divide="ignore", invalid="ignore"):
        return (x * mask / np.float64(1 - p)).astype(x.dtype), mask


def dropout_backward(grad_out, mask, p):
    grad_out = np.asarray(grad_out)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (grad_out * mask / np.float64(1 - p)).astype(grad_out.dtype)
