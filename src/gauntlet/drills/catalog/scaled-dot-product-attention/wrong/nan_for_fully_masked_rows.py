# expect: wrong_answer
# The textbook -inf masking, with no guard: a query with every key masked computes softmax of all -inf,
# 0 / 0 = NaN, and the NaN leaks into its output.
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(np.asarray(mask, dtype=bool), s, -np.inf)
    with np.errstate(invalid="ignore"):
        e = np.exp(s - s.max(-1, keepdims=True))
        w = e / e.sum(-1, keepdims=True)
    return w @ V, w


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))
