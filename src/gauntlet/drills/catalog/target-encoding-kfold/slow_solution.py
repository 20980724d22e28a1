# Slow but correct: for every fold, Python loops over all n rows rebuild the other folds' category counts,
# sums and prior in dictionaries, and every row is then encoded one at a time.
import numpy as np


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def _statistics(categories, y, keep):
    counts, sums = {}, {}
    total, rows = 0.0, 0
    for category, target, use in zip(categories, y, keep):
        if use:
            counts[category] = counts.get(category, 0) + 1
            sums[category] = sums.get(category, 0.0) + target
            total += target
            rows += 1
    return counts, sums, total / rows


def _encode(category, counts, sums, prior, m):
    n_c = counts.get(category, 0)
    if n_c == 0:
        return prior
    return (sums[category] + m * prior) / (n_c + m)


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    categories = [_plain(c) for c in categories]
    y = [float(v) for v in y]
    folds = [_plain(f) for f in folds]
    out = [0.0] * len(y)
    for fold in sorted(set(folds)):
        counts, sums, prior = _statistics(categories, y, [f != fold for f in folds])
        for i in range(len(y)):
            if folds[i] == fold:
                out[i] = _encode(categories[i], counts, sums, prior, smoothing)
    return np.array(out, dtype=np.float64)


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    train_categories = [_plain(c) for c in train_categories]
    y = [float(v) for v in y]
    counts, sums, prior = _statistics(train_categories, y, [True] * len(y))
    return np.array([_encode(_plain(c), counts, sums, prior, smoothing) for c in new_categories], dtype=np.float64)
