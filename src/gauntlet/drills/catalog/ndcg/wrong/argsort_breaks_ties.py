# expect: wrong_answer
# Ranks with a plain argsort of the scores: tied items are put in index order, so the metric depends on how
# the items happen to be listed instead of averaging over the tie.
import numpy as np


def ndcg(relevance, scores, k=None, gain="linear"):
    rel = np.asarray(relevance, dtype=float)
    g = rel if gain == "linear" else 2.0**rel - 1
    q, m = g.shape
    cut = m if k is None else min(k, m)
    disc = 1 / np.log2(np.arange(2, cut + 2))
    out = np.zeros(q)
    for r in range(q):
        order = np.argsort(-np.asarray(scores[r], dtype=float), kind="stable")
        dcg = g[r][order][:cut] @ disc
        idcg = np.sort(g[r])[::-1][:cut] @ disc
        out[r] = dcg / idcg if idcg > 0 else 0.0
    return out
