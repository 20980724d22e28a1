# expect: wrong_answer
# Splits heads with a bare reshape (B, T, d) -> (B, h, T, d_h): with more than one head this cuts the
# flattened tokens-by-features block in h pieces, so a "head" mixes features of different tokens.
import numpy as np


def causal_self_attention(x, W_q, W_k, W_v, W_o, n_heads, key_padding_mask=None):
    x = np.asarray(x, dtype=float)
    batch, t, d = x.shape
    d_h = d // n_heads
    q = (x @ W_q).reshape(batch, n_heads, t, d_h)
    k = (x @ W_k).reshape(batch, n_heads, t, d_h)
    v = (x @ W_v).reshape(batch, n_heads, t, d_h)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_h)
    allowed = np.tril(np.ones((t, t), bool))[None, None]
    if key_padding_mask is not None:
        allowed = allowed & np.asarray(key_padding_mask, bool)[:, None, None, :]
    allowed = np.broadcast_to(allowed, scores.shape)
    scores = np.where(allowed, scores, -np.inf)
    top = scores.max(axis=-1, keepdims=True)
    e = np.where(allowed, np.exp(scores - np.where(np.isfinite(top), top, 0.0)), 0.0)
    total = e.sum(axis=-1, keepdims=True)
    w = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return (w @ v).reshape(batch, t, d) @ W_o, w
