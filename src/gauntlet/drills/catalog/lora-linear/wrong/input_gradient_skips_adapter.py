# expect: wrong_answer
# Computes dx through the frozen W only: the adapter changes the layer's output, so it changes the gradient
# that earlier layers receive too.
import numpy as np


def lora_forward(x, W, b, A, B, alpha):
    x, W, A, B = (np.asarray(a, dtype=float) for a in (x, W, A, B))
    y = x @ W.T + alpha / A.shape[0] * (x @ A.T) @ B.T
    return y if b is None else y + b


def lora_backward(x, dy, W, A, B, alpha):
    x, dy, W, A, B = (np.asarray(a, dtype=float) for a in (x, dy, W, A, B))
    s = alpha / A.shape[0]
    return dy @ W, s * (dy @ B).T @ x, s * dy.T @ (x @ A.T)


def lora_merge(W, A, B, alpha):
    A = np.asarray(A, dtype=float)
    return np.asarray(W, dtype=float) + alpha / A.shape[0] * np.asarray(B, dtype=float) @ A
