# expect: wrong_answer
# Out of fold, but the plain category mean: a category with one row in the other folds is encoded as that
# single label, 0 or 1, whatever the smoothing says.
from collections import defaultdict

import numpy as np


def _means(cats, y):
    counts, sums = defaultdict(int), defaultdict(float)
    for c, t in zip(cats, y):
        counts[c] += 1
        sums[c] += t
    return counts, sums


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    cats, y, folds = list(categories), np.asarray(y, dtype=float), np.asarray(folds)
    out = np.empty(len(y))
    for f in np.unique(folds):
        other = folds != f
        counts, sums = _means([c for c, o in zip(cats, other) if o], y[other])
        prior = float(y[other].mean())
        for i in np.flatnonzero(~other):
            out[i] = sums[cats[i]] / counts[cats[i]] if counts.get(cats[i]) else prior
    return out


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    y = np.asarray(y, dtype=float)
    counts, sums = _means(list(train_categories), y)
    return np.array([sums[c] / counts[c] if counts.get(c) else float(y.mean()) for c in new_categories])
