import numpy as np


def _normalise(x, eps):
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    std = np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)  # two-pass, biased variance
    return centred / std, std


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x_hat, _ = _normalise(np.asarray(x, dtype=np.float64), eps)
    return np.asarray(gamma, dtype=np.float64) * x_hat + np.asarray(beta, dtype=np.float64)


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    dy = np.asarray(dy, dtype=np.float64)
    x_hat, std = _normalise(np.asarray(x, dtype=np.float64), eps)
    rows = tuple(range(dy.ndim - 1))
    dbeta = dy.sum(axis=rows)
    dgamma = (dy * x_hat).sum(axis=rows)
    g = dy * np.asarray(gamma, dtype=np.float64)
    # the mean terms carry the gradient through mu and s, which depend on every feature of the row
    dx = (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)) / std
    return dx, dgamma, dbeta
