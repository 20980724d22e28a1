# expect: wrong_answer
# Looks categories up in a table of the other folds' smoothed means and leaves the ones missing from it as NaN
# instead of falling back to the prior (pandas' map() does exactly this).
from collections import defaultdict

import numpy as np


def _table(cats, y, m):
    counts, sums = defaultdict(int), defaultdict(float)
    for c, t in zip(cats, y):
        counts[c] += 1
        sums[c] += t
    prior = float(np.mean(y))
    return {c: (sums[c] + m * prior) / (counts[c] + m) for c in counts}


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    cats, y, folds = list(categories), np.asarray(y, dtype=float), np.asarray(folds)
    out = np.empty(len(y))
    for f in np.unique(folds):
        other = folds != f
        table = _table([c for c, o in zip(cats, other) if o], y[other], smoothing)
        for i in np.flatnonzero(~other):
            out[i] = table.get(cats[i], np.nan)
    return out


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    table = _table(list(train_categories), np.asarray(y, dtype=float), smoothing)
    return np.array([table.get(c, np.nan) for c in new_categories], dtype=float)
