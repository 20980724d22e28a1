# expect: wrong_answer
# Divides by sqrt(var) + eps instead of sqrt(var + eps): a small but systematic difference, large when the
# row's variance is comparable to eps.
import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    std = np.sqrt(((x - mean) ** 2).mean(axis=-1, keepdims=True)) + eps
    return gamma * (x - mean) / std + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    x, dy = np.asarray(x, dtype=float), np.asarray(dy, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    std = np.sqrt(((x - mean) ** 2).mean(axis=-1, keepdims=True)) + eps
    x_hat = (x - mean) / std
    rows = tuple(range(dy.ndim - 1))
    g = dy * gamma
    dx = (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)) / std
    return dx, (dy * x_hat).sum(axis=rows), dy.sum(axis=rows)
