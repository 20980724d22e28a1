# expect: wrong_answer
# Training is right, but the merge adds B A without the alpha / r scale: the served model differs from the
# one that was trained.
import numpy as np


def lora_forward(x, W, b, A, B, alpha):
    x, W, A, B = (np.asarray(a, dtype=float) for a in (x, W, A, B))
    y = x @ W.T + alpha / A.shape[0] * (x @ A.T) @ B.T
    return y if b is None else y + b


def lora_backward(x, dy, W, A, B, alpha):
    x, dy, W, A, B = (np.asarray(a, dtype=float) for a in (x, dy, W, A, B))
    s = alpha / A.shape[0]
    return dy @ W + s * (dy @ B) @ A, s * (dy @ B).T @ x, s * dy.T @ (x @ A.T)


def lora_merge(W, A, B, alpha):
    return np.asarray(W, dtype=float) + np.asarray(B, dtype=float) @ np.asarray(A, dtype=float)
