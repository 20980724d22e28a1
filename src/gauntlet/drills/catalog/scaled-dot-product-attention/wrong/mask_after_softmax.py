# expect: wrong_answer
# Zeroes the masked weights after the softmax without renormalising: rows no longer sum to 1 and the output
# is shrunk towards 0.
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    e = np.exp(s - s.max(-1, keepdims=True))
    w = e / e.sum(-1, keepdims=True)
    if mask is not None:
        w = w * np.asarray(mask, dtype=bool)
    return w @ V, w


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))
