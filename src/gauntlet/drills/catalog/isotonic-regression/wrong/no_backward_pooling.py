# expect: wrong_answer
# Pools a violator with the block just below it, but only once: when the pooled mean is still below the
# block under it, nothing happens, so the result is not monotone.
import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    ux, group = np.unique(x, return_inverse=True)
    uw = np.bincount(group, weights=w, minlength=len(ux))
    uy = np.bincount(group, weights=w * y, minlength=len(ux)) / np.where(uw > 0, uw, 1)
    blocks = []  # [mean, weight, size]
    for value, wt in zip(uy, uw):
        blocks.append([value, wt, 1])
        if len(blocks) > 1 and blocks[-1][0] < blocks[-2][0]:
            (m2, w2, s2), (m1, w1, s1) = blocks.pop(), blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, s1 + s2])
    fitted = np.concatenate([np.full(s, m) for m, _, s in blocks]) if blocks else np.zeros(0)
    return fitted[group]
