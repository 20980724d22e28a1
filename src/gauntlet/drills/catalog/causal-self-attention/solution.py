import numpy as np


def causal_self_attention(x, W_q, W_k, W_v, W_o, n_heads, key_padding_mask=None):
    x = np.asarray(x, dtype=np.float64)
    batch, t, d = x.shape
    d_h = d // n_heads

    def heads(w):
        # (B, T, d) -> (B, T, h, d_h) -> (B, h, T, d_h): head j keeps its own d_h columns for every token
        return (x @ np.asarray(w, dtype=np.float64)).reshape(batch, t, n_heads, d_h).transpose(0, 2, 1, 3)

    q, k, v = heads(W_q), heads(W_k), heads(W_v)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_h)  # (B, h, T, T)

    allowed = np.tril(np.ones((t, t), dtype=bool))[None, None]  # key s <= query t
    if key_padding_mask is not None:
        allowed = allowed & np.asarray(key_padding_mask, dtype=bool)[:, None, None, :]
    allowed = np.broadcast_to(allowed, scores.shape)

    scores = np.where(allowed, scores, -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a row with no allowed key stays all -inf
    e = np.where(allowed, np.exp(scores - row_max), 0.0)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)

    merged = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, t, d)
    return merged @ np.asarray(W_o, dtype=np.float64), weights
