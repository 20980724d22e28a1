# expect: wrong_answer
# exp(z / T) without subtracting the row maximum: logits in the thousands (or a low temperature) overflow to
# inf, and inf / inf turns the whole row into NaN.
import numpy as np


def nucleus_probs(logits, top_p, temperature=1.0):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(logits, dtype=float) / temperature)
        p = e / e.sum(axis=1, keepdims=True)
    order = np.argsort(-p, axis=1, kind="stable")
    sorted_p = np.take_along_axis(p, order, axis=1)
    keep_sorted = np.cumsum(sorted_p, axis=1) - sorted_p < top_p
    keep_sorted[:, 0] = True
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=1)
    q = np.where(keep, p, 0.0)
    with np.errstate(invalid="ignore"):
        return q / q.sum(axis=1, keepdims=True)


def sample_top_p(logits, top_p, temperature, u):
    cdf = np.cumsum(nucleus_probs(logits, top_p, temperature), axis=1)
    picks = [int(np.searchsorted(row, x, side="right")) for row, x in zip(cdf, u)]
    return np.minimum(np.array(picks), cdf.shape[1] - 1)
