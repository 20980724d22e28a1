# expect: wrong_answer
# Encodes the training rows with statistics of ALL training rows, their own labels included: the leakage that
# out-of-fold encoding exists to prevent.
from collections import defaultdict

import numpy as np


def _encode(train, y, rows, m):
    counts, sums = defaultdict(int), defaultdict(float)
    for c, t in zip(train, y):
        counts[c] += 1
        sums[c] += t
    prior = float(np.mean(y))
    return np.array([(sums[c] + m * prior) / (counts[c] + m) if counts.get(c) else prior for c in rows])


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    cats = list(categories)
    return _encode(cats, np.asarray(y, dtype=float), cats, smoothing)


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    return _encode(list(train_categories), np.asarray(y, dtype=float), list(new_categories), smoothing)
