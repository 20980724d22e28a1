# Slow but correct: a Python loop over every element, drawing one uniform number at a time and scaling
# one value at a time, instead of one vectorised draw and np.where over the whole array.
import numpy as np


def dropout_forward(x, p, training=True, seed=0):
    x = np.asarray(x)
    flat = x.reshape(-1)
    out = np.zeros(flat.shape, dtype=x.dtype)
    mask = np.zeros(flat.shape, dtype=bool)
    rng = np.random.default_rng(seed)
    for i in range(flat.size):
        if not training:
            keep = True
        else:
            keep = rng.random() >= p
        mask[i] = keep
        if not training:
            out[i] = flat[i]
        elif keep and p < 1.0:
            out[i] = float(flat[i]) / (1.0 - p)
    return out.reshape(x.shape), mask.reshape(x.shape)


def dropout_backward(grad_out, mask, p):
    grad_out = np.asarray(grad_out)
    flat_grad = grad_out.reshape(-1)
    flat_mask = np.asarray(mask, dtype=bool).reshape(-1)
    grad = np.zeros(flat_grad.shape, dtype=grad_out.dtype)
    for i in range(flat_grad.size):
        if flat_mask[i] and p < 1.0:
            grad[i] = float(flat_grad[i]) / (1.0 - p)
    return grad.reshape(grad_out.shape)
