# expect: wrong_answer
# Divides the scores by d_k instead of sqrt(d_k): the attention is too flat (over-smoothed) for d_k > 1.
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    s = Q @ np.swapaxes(K, -1, -2) / Q.shape[-1]
    if mask is not None:
        s = np.where(np.asarray(mask, dtype=bool), s, -np.inf)
    m = s.max(-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    e = np.exp(s - m)
    t = e.sum(-1, keepdims=True)
    w = np.divide(e, t, out=np.zeros_like(e), where=t > 0)
    return w @ V, w


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))
