import numpy as np


def _gains(relevance, gain):
    relevance = np.asarray(relevance, dtype=np.float64)
    return relevance if gain == "linear" else np.exp2(relevance) - 1.0


def ndcg(relevance, scores, k=None, gain="linear"):
    gains = _gains(relevance, gain)
    scores = np.asarray(scores, dtype=np.float64)
    q, m = gains.shape
    cut = m if k is None else min(int(k), m)
    discount = np.zeros(m)
    discount[:cut] = 1.0 / np.log2(np.arange(2, cut + 2))
    cumulative = np.concatenate([[0.0], np.cumsum(discount)])  # cumulative[i] = sum of the first i discounts

    result = np.zeros(q)
    for row in range(q):
        ideal = np.sort(gains[row])[::-1] @ discount
        if ideal == 0:
            continue
        # tie groups in decreasing score order; each position of a group gets the group's mean gain
        values, group, sizes = np.unique(-scores[row], return_inverse=True, return_counts=True)
        mean_gain = np.bincount(group, weights=gains[row]) / sizes
        ends = np.cumsum(sizes)
        group_discount = cumulative[ends] - cumulative[ends - sizes]
        result[row] = (mean_gain @ group_discount) / ideal
    return result
