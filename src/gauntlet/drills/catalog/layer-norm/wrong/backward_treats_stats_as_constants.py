# expect: wrong_answer
# Forward is right; the backward pass differentiates only x_hat = (x - mu) / s with mu and s held fixed,
# dx = dy * gamma / s, forgetting that both statistics depend on every feature of the row.
import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    x, dy = np.asarray(x, dtype=float), np.asarray(dy, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    std = np.sqrt(((x - mean) ** 2).mean(axis=-1, keepdims=True) + eps)
    x_hat = (x - mean) / std
    rows = tuple(range(dy.ndim - 1))
    return dy * gamma / std, (dy * x_hat).sum(axis=rows), dy.sum(axis=rows)
