# expect: wrong_answer
# The original (non-inverted) dropout: zeroes at training time without rescaling, and scales by (1 - p) at
# inference instead. The training output's mean is (1 - p) times the input's, and inference is no identity.
import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    if not training:
        return (x * (1 - p)).astype(x.dtype), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= p
    return (x * mask).astype(x.dtype), mask


def dropout_backward(grad_out, mask, p):
    grad_out = np.asarray(grad_out)
    return (grad_out * mask).astype(grad_out.dtype)
