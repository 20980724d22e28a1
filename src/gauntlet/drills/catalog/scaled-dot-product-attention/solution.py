import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q = np.asarray(Q, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    V = np.asarray(V, dtype=np.float64)
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        allowed = np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)
        scores = np.where(allowed, scores, -np.inf)
    else:
        allowed = np.ones(scores.shape, dtype=bool)

    row_max = scores.max(axis=-1, keepdims=True)
    # a fully masked row has max -inf; shifting by 0 there keeps exp(-inf) = 0 instead of NaN
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    totals = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, totals, out=np.zeros_like(e), where=totals > 0)
    weights = np.where(allowed, weights, 0.0)
    return weights @ V, weights


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))
