# expect: wrong_answer
# Counts and sums come from the other folds, but the prior mu is the mean of ALL training targets, own fold
# included: a quieter leak that the statement rules out.
from collections import defaultdict

import numpy as np


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    cats, y, folds = list(categories), np.asarray(y, dtype=float), np.asarray(folds)
    prior = float(y.mean())
    out = np.empty(len(y))
    for f in np.unique(folds):
        counts, sums = defaultdict(int), defaultdict(float)
        for c, t, g in zip(cats, y, folds):
            if g != f:
                counts[c] += 1
                sums[c] += t
        for i in np.flatnonzero(folds == f):
            c = cats[i]
            out[i] = (sums[c] + smoothing * prior) / (counts[c] + smoothing) if counts.get(c) else prior
    return out


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    y = np.asarray(y, dtype=float)
    counts, sums = defaultdict(int), defaultdict(float)
    for c, t in zip(train_categories, y):
        counts[c] += 1
        sums[c] += t
    prior = float(y.mean())
    return np.array([(sums[c] + smoothing * prior) / (counts[c] + smoothing) if counts.get(c) else prior
                     for c in new_categories])
