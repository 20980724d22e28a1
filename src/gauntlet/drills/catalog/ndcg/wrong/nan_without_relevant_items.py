# expect: wrong_answer
# Divides DCG by IDCG unconditionally: a query with no relevant item gives 0 / 0 = NaN, which then poisons
# any average over queries.
import numpy as np


def ndcg(relevance, scores, k=None, gain="linear"):
    rel = np.asarray(relevance, dtype=float)
    g = rel if gain == "linear" else 2.0**rel - 1
    scores = np.asarray(scores, dtype=float)
    q, m = g.shape
    cut = m if k is None else min(k, m)
    disc = np.zeros(m)
    disc[:cut] = 1 / np.log2(np.arange(2, cut + 2))
    csum = np.concatenate([[0.0], np.cumsum(disc)])
    out = np.zeros(q)
    for r in range(q):
        _, group, sizes = np.unique(-scores[r], return_inverse=True, return_counts=True)
        ends = np.cumsum(sizes)
        dcg = (np.bincount(group, weights=g[r]) / sizes) @ (csum[ends] - csum[ends - sizes])
        idcg = np.sort(g[r])[::-1] @ disc
        with np.errstate(invalid="ignore", divide="ignore"):
            out[r] = np.float64(dcg) / np.float64(idcg)
    return out
