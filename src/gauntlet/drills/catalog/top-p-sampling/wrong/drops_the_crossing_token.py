# expect: wrong_answer
# Keeps only the tokens whose running total is still below top_p (cumsum < top_p), so the token that
# crosses the threshold is dropped and the nucleus holds less than top_p of the probability (falling back
# to the single best token when even it alone exceeds top_p).
import numpy as np


def nucleus_probs(logits, top_p, temperature=1.0):
    z = np.asarray(logits, dtype=float) / temperature
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    order = np.argsort(-p, axis=1, kind="stable")
    keep_sorted = np.cumsum(np.take_along_axis(p, order, axis=1), axis=1) < top_p
    keep_sorted[:, 0] = True
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=1)
    q = np.where(keep, p, 0.0)
    return q / q.sum(axis=1, keepdims=True)


def sample_top_p(logits, top_p, temperature, u):
    cdf = np.cumsum(nucleus_probs(logits, top_p, temperature), axis=1)
    return np.array([int(np.searchsorted(row, x, side="right")) for row, x in zip(cdf, u)])
