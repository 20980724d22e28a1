import numpy as np


def _f64(*arrays):
    return [None if a is None else np.asarray(a, dtype=np.float64) for a in arrays]


def lora_forward(x, W, b, A, B, alpha):
    x, W, b, A, B = _f64(x, W, b, A, B)
    scale = alpha / A.shape[0]
    y = x @ W.T + scale * ((x @ A.T) @ B.T)  # through the r-wide bottleneck, never the full B A
    return y if b is None else y + b


def lora_backward(x, dy, W, A, B, alpha):
    x, dy, W, A, B = _f64(x, dy, W, A, B)
    scale = alpha / A.shape[0]
    dy_b = dy @ B  # (n, r): the gradient at the bottleneck
    dx = dy @ W + scale * (dy_b @ A)
    d_a = scale * (dy_b.T @ x)
    d_b = scale * (dy.T @ (x @ A.T))
    return dx, d_a, d_b


def lora_merge(W, A, B, alpha):
    W, A, B = _f64(W, A, B)
    return W + (alpha / A.shape[0]) * (B @ A)
