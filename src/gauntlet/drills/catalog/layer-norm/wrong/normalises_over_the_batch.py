# expect: wrong_answer
# Takes the statistics over axis 0 (the batch), which is batch normalisation: each feature is standardised
# across examples, and an example's output depends on the rest of the batch.
import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0, keepdims=True)
    var = x.var(axis=0, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    x, dy = np.asarray(x, dtype=float), np.asarray(dy, dtype=float)
    n = x.shape[0]
    mean = x.mean(axis=0, keepdims=True)
    std = np.sqrt(x.var(axis=0, keepdims=True) + eps)
    x_hat = (x - mean) / std
    rows = tuple(range(dy.ndim - 1))
    g = dy * gamma
    dx = (g - g.sum(axis=0, keepdims=True) / n - x_hat * (g * x_hat).sum(axis=0, keepdims=True) / n) / std
    return dx, (dy * x_hat).sum(axis=rows), dy.sum(axis=rows)
