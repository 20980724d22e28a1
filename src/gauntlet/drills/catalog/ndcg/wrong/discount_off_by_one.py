# expect: wrong_answer
# Uses 1 / log2(i + 2) with a 1-based position i (i.e. log2(3) for the top item): every discount is shifted by
# one position, so the top item no longer counts fully relative to the rest.
import numpy as np


def ndcg(relevance, scores, k=None, gain="linear"):
    rel = np.asarray(relevance, dtype=float)
    g = rel if gain == "linear" else 2.0**rel - 1
    scores = np.asarray(scores, dtype=float)
    q, m = g.shape
    cut = m if k is None else min(k, m)
    disc = np.zeros(m)
    disc[:cut] = 1 / np.log2(np.arange(1, cut + 1) + 2)
    csum = np.concatenate([[0.0], np.cumsum(disc)])
    out = np.zeros(q)
    for r in range(q):
        _, group, sizes = np.unique(-scores[r], return_inverse=True, return_counts=True)
        ends = np.cumsum(sizes)
        dcg = (np.bincount(group, weights=g[r]) / sizes) @ (csum[ends] - csum[ends - sizes])
        idcg = np.sort(g[r])[::-1] @ disc
        out[r] = dcg / idcg if idcg > 0 else 0.0
    return out
