# expect: wrong_answer
# Uses the sample variance (ddof=1, divide by D - 1) like np.std's statistics habit or torch.var's default;
# LayerNorm divides by D.
import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, ddof=1, keepdims=True) if x.shape[-1] > 1 else np.zeros(x.shape[:-1] + (1,))
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    x, dy = np.asarray(x, dtype=float), np.asarray(dy, dtype=float)
    d = x.shape[-1]
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, ddof=1, keepdims=True) if d > 1 else np.zeros(x.shape[:-1] + (1,))
    std = np.sqrt(var + eps)
    x_hat = (x - mean) / std
    rows = tuple(range(dy.ndim - 1))
    g = dy * gamma
    dx = (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)) / std
    return dx, (dy * x_hat).sum(axis=rows), dy.sum(axis=rows)
