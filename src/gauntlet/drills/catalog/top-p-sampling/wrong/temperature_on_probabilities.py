# expect: wrong_answer
# Applies the temperature to the probabilities (p / T, renormalised) instead of to the logits: dividing every
# probability by the same T changes nothing after renormalisation, so the temperature has no effect at all.
import numpy as np


def nucleus_probs(logits, top_p, temperature=1.0):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p = p / temperature
    p = p / p.sum(axis=1, keepdims=True)
    order = np.argsort(-p, axis=1, kind="stable")
    sorted_p = np.take_along_axis(p, order, axis=1)
    keep_sorted = np.cumsum(sorted_p, axis=1) - sorted_p < top_p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=1)
    q = np.where(keep, p, 0.0)
    return q / q.sum(axis=1, keepdims=True)


def sample_top_p(logits, top_p, temperature, u):
    cdf = np.cumsum(nucleus_probs(logits, top_p, temperature), axis=1)
    return np.array([int(np.searchsorted(row, x, side="right")) for row, x in zip(cdf, u)])
