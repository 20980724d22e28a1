import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = np.random.default_rng(seed).random(x.shape) >= p
    return _scale(x, mask, p), mask


def dropout_backward(grad_out, mask, p):
    return _scale(np.asarray(grad_out), np.asarray(mask, dtype=bool), p)


def _scale(values, mask, p):
    if p >= 1.0:
        return np.zeros_like(values)  # everything dropped: 1 / (1 - p) is never formed
    # multiplying by a Python float keeps float32 inputs in float32
    return np.where(mask, values * (1.0 / (1.0 - p)), 0).astype(values.dtype, copy=False)
