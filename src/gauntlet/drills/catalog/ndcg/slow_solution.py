# Slow but correct: per query, Python's sorted() orders the items, tie groups are found by scanning the
# sorted list, and every discount is recomputed with math.log2 each time it is needed.
import math

import numpy as np


def _discount(position, cut):
    """Discount of 0-based position `position`: 1 / log2(position + 2) inside the cut-off, else 0."""
    if position >= cut:
        return 0.0
    return 1.0 / math.log2(position + 2)


def ndcg(relevance, scores, k=None, gain="linear"):
    relevance = np.asarray(relevance, dtype=np.float64).tolist()
    scores = np.asarray(scores, dtype=np.float64).tolist()
    results = []
    for rel_row, score_row in zip(relevance, scores):
        m = len(rel_row)
        cut = m if k is None else min(int(k), m)
        gains = [r if gain == "linear" else 2.0 ** r - 1.0 for r in rel_row]
        ideal = 0.0
        for position, g in enumerate(sorted(gains, reverse=True)):
            ideal += g * _discount(position, cut)
        if ideal == 0:
            results.append(0.0)
            continue
        ranked = sorted(range(m), key=lambda i: -score_row[i])
        dcg = 0.0
        start = 0
        while start < m:
            end = start
            while end + 1 < m and score_row[ranked[end + 1]] == score_row[ranked[start]]:
                end += 1
            group_gain = sum(gains[ranked[i]] for i in range(start, end + 1)) / (end - start + 1)
            dcg += group_gain * sum(_discount(position, cut) for position in range(start, end + 1))
            start = end + 1
        results.append(dcg / ideal)
    return np.array(results, dtype=np.float64)
