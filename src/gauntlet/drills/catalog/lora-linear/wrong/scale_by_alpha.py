# expect: wrong_answer
# Scales the adapter by alpha instead of alpha / r: the update is r times too large, and changing the rank
# silently changes the effective learning rate.
import numpy as np


def lora_forward(x, W, b, A, B, alpha):
    x, W, A, B = (np.asarray(a, dtype=float) for a in (x, W, A, B))
    y = x @ W.T + alpha * (x @ A.T) @ B.T
    return y if b is None else y + b


def lora_backward(x, dy, W, A, B, alpha):
    x, dy, W, A, B = (np.asarray(a, dtype=float) for a in (x, dy, W, A, B))
    return dy @ W + alpha * (dy @ B) @ A, alpha * (dy @ B).T @ x, alpha * dy.T @ (x @ A.T)


def lora_merge(W, A, B, alpha):
    return np.asarray(W, dtype=float) + alpha * np.asarray(B, dtype=float) @ np.asarray(A, dtype=float)
