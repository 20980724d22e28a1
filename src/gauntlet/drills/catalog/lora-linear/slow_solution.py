# Slow but correct: the full d_out x d_in matrix W + s * B A is formed and used for every product (instead of
# the r-wide bottleneck), and the adapter gradients are summed one example at a time in a Python loop.
import numpy as np


def lora_merge(W, A, B, alpha):
    W = np.asarray(W, dtype=np.float64)
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    return W + (alpha / A.shape[0]) * (B @ A)


def lora_forward(x, W, b, A, B, alpha):
    x = np.asarray(x, dtype=np.float64)
    merged = lora_merge(W, A, B, alpha)
    y = x @ merged.T
    if b is not None:
        y = y + np.asarray(b, dtype=np.float64)
    return y


def lora_backward(x, dy, W, A, B, alpha):
    x = np.asarray(x, dtype=np.float64)
    dy = np.asarray(dy, dtype=np.float64)
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    scale = alpha / A.shape[0]
    dx = dy @ lora_merge(W, A, B, alpha)  # dy W + s (dy B) A, through the full matrix
    d_a = np.zeros(A.shape)
    d_b = np.zeros(B.shape)
    for i in range(len(x)):  # one example's outer products at a time
        d_a += scale * np.outer(dy[i] @ B, x[i])
        d_b += scale * np.outer(dy[i], A @ x[i])
    return dx, d_a, d_b
