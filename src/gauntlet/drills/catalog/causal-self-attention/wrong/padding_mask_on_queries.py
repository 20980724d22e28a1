# expect: wrong_answer
# Broadcasts the padding mask along the query axis ([:, None, :, None]) instead of the key axis: padded
# tokens stop *asking* but are still *attended to* by everyone after them.
import numpy as np


def causal_self_attention(x, W_q, W_k, W_v, W_o, n_heads, key_padding_mask=None):
    x = np.asarray(x, dtype=float)
    batch, t, d = x.shape
    d_h = d // n_heads

    def split(w):
        return (x @ w).reshape(batch, t, n_heads, d_h).transpose(0, 2, 1, 3)

    q, k, v = split(W_q), split(W_k), split(W_v)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_h)
    allowed = np.tril(np.ones((t, t), bool))[None, None]
    if key_padding_mask is not None:
        allowed = allowed & np.asarray(key_padding_mask, bool)[:, None, :, None]
    allowed = np.broadcast_to(allowed, scores.shape)
    scores = np.where(allowed, scores, -np.inf)
    top = scores.max(axis=-1, keepdims=True)
    e = np.where(allowed, np.exp(scores - np.where(np.isfinite(top), top, 0.0)), 0.0)
    total = e.sum(axis=-1, keepdims=True)
    w = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return (w @ v).transpose(0, 2, 1, 3).reshape(batch, t, d) @ W_o, w
