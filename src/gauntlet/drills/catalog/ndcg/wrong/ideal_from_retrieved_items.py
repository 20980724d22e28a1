# expect: wrong_answer
# Builds the "ideal" DCG by re-sorting only the k items the model put in its top k, instead of the best k items
# of the whole list: a relevant item the model missed never lowers the score.
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
        top = np.argsort(-scores[r], kind="stable")[:cut]
        idcg = np.sort(g[r][top])[::-1] @ disc[:cut]
        out[r] = dcg / idcg if idcg > 0 else 0.0
    return out
