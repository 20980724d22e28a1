# Slow but correct: Python loops over every leading index, query, key and output column, computing each
# score, softmax weight and weighted sum one number at a time instead of batched matrix products.
import math

import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q = np.asarray(Q, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    V = np.asarray(V, dtype=np.float64)
    lead = Q.shape[:-2]
    n_q, d_k = Q.shape[-2:]
    n_k, d_v = V.shape[-2:]
    if mask is None:
        allowed = np.ones(lead + (n_q, n_k), dtype=bool)
    else:
        allowed = np.broadcast_to(np.asarray(mask, dtype=bool), lead + (n_q, n_k))
    output = np.zeros(lead + (n_q, d_v))
    weights = np.zeros(lead + (n_q, n_k))
    for idx in np.ndindex(*lead):
        q, k, v = Q[idx].tolist(), K[idx].tolist(), V[idx].tolist()
        for i in range(n_q):
            keys = [j for j in range(n_k) if allowed[idx + (i, j)]]
            if not keys:
                continue  # nothing to attend to: zero weights and a zero output
            scores = {}
            for j in keys:
                total = 0.0
                for c in range(d_k):
                    total += q[i][c] * k[j][c]
                scores[j] = total / math.sqrt(d_k)
            top = max(scores.values())
            exps = {j: math.exp(scores[j] - top) for j in keys}
            norm = sum(exps.values())
            for j in keys:
                weights[idx + (i, j)] = exps[j] / norm
            for c in range(d_v):
                output[idx + (i, c)] = sum(exps[j] / norm * v[j][c] for j in keys)
    return output, weights


def causal_mask(n):
    mask = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1):
            mask[i, j] = True
    return mask
