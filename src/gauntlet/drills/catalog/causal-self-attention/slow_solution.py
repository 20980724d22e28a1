# Slow but correct: every projection, score, softmax and weighted sum is a Python loop over single numbers
# (batch, head, query, key, column), instead of batched matrix products over (B, h, T, T).
import math

import numpy as np


def _project(rows, w):
    """rows @ w with Python loops: rows is a list of lists, w a (d, d) array."""
    d = len(w)
    w = [[float(w[i][j]) for j in range(d)] for i in range(d)]
    out = []
    for row in rows:
        out.append([sum(row[i] * w[i][j] for i in range(d)) for j in range(d)])
    return out


def causal_self_attention(x, W_q, W_k, W_v, W_o, n_heads, key_padding_mask=None):
    x = np.asarray(x, dtype=np.float64)
    batch, t, d = x.shape
    d_h = d // n_heads
    out = np.zeros((batch, t, d))
    weights = np.zeros((batch, n_heads, t, t))
    for b in range(batch):
        tokens = [[float(x[b, i, c]) for c in range(d)] for i in range(t)]
        q, k, v = _project(tokens, W_q), _project(tokens, W_k), _project(tokens, W_v)
        merged = [[0.0] * d for _ in range(t)]
        for j in range(n_heads):
            columns = range(j * d_h, (j + 1) * d_h)
            for i in range(t):
                allowed = [s for s in range(i + 1) if key_padding_mask is None or bool(key_padding_mask[b][s])]
                if not allowed:
                    continue  # nothing to attend to: zero weights, zero output
                scores = {}
                for s in allowed:
                    scores[s] = sum(q[i][c] * k[s][c] for c in columns) / math.sqrt(d_h)
                largest = max(scores.values())
                exps = {s: math.exp(scores[s] - largest) for s in allowed}
                total = sum(exps.values())
                for s in allowed:
                    weights[b, j, i, s] = exps[s] / total
                for c in columns:
                    merged[i][c] = sum(exps[s] / total * v[s][c] for s in allowed)
        out[b] = np.array(_project(merged, W_o))
    return out, weights
