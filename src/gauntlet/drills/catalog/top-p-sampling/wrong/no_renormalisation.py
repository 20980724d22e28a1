# expect: wrong_answer
# Zeroes the tokens outside the nucleus but does not renormalise: rows sum to about top_p, and sampling with
# u above that total runs off the end of the distribution.
import numpy as np


def nucleus_probs(logits, top_p, temperature=1.0):
    z = np.asarray(logits, dtype=float) / temperature
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    order = np.argsort(-p, axis=1, kind="stable")
    sorted_p = np.take_along_axis(p, order, axis=1)
    keep_sorted = np.cumsum(sorted_p, axis=1) - sorted_p < top_p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=1)
    return np.where(keep, p, 0.0)


def sample_top_p(logits, top_p, temperature, u):
    q = nucleus_probs(logits, top_p, temperature)
    cdf = np.cumsum(q, axis=1)
    picks = [int(np.searchsorted(row, x, side="right")) for row, x in zip(cdf, u)]
    return np.minimum(np.array(picks), q.shape[1] - 1)
