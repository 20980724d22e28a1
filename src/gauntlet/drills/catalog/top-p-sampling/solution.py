import numpy as np


def nucleus_probs(logits, top_p, temperature=1.0):
    z = np.asarray(logits, dtype=np.float64) / temperature
    e = np.exp(z - z.max(axis=1, keepdims=True))  # -inf logits give exactly 0
    p = e / e.sum(axis=1, keepdims=True)

    order = np.argsort(-p, axis=1, kind="stable")  # largest first; ties keep the smaller index first
    sorted_p = np.take_along_axis(p, order, axis=1)
    total_before = np.cumsum(sorted_p, axis=1)[:, :-1]
    total_before = np.concatenate([np.zeros((len(p), 1)), total_before], axis=1)
    # keep a token while the total before it is still short of top_p: that includes the crossing token
    keep_sorted = total_before < top_p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=1)

    q = np.where(keep, p, 0.0)
    return q / q.sum(axis=1, keepdims=True)


def sample_top_p(logits, top_p, temperature, u):
    q = nucleus_probs(logits, top_p, temperature)
    cdf = np.cumsum(q, axis=1)
    above = cdf > np.asarray(u, dtype=np.float64)[:, None]
    picks = above.argmax(axis=1)  # the first index where the CDF passes u
    # rounding can leave the last total a hair below 1: then u may pass it, and the answer is the last
    # token that has any probability
    last_possible = q.shape[1] - 1 - (q[:, ::-1] > 0).argmax(axis=1)
    return np.where(above.any(axis=1), picks, last_possible).astype(np.int64)
