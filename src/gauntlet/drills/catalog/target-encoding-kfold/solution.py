import numpy as np


def _codes(*category_lists):
    """One integer code per distinct category (exact comparison), shared across the lists."""
    index = {}
    codes = []
    for categories in category_lists:
        codes.append(np.array([index.setdefault(c.item() if isinstance(c, np.generic) else c, len(index))
                               for c in categories], dtype=np.int64))
    return codes, len(index)


def _smoothed(codes, counts, sums, prior, m):
    n, s = counts[codes], sums[codes]
    # a category with no rows in the statistics gets the prior (also when m = 0, where 0 / 0 would appear)
    return np.where(n > 0, (s + m * prior) / np.maximum(n + m, 1e-300), prior)


def target_encode_out_of_fold(categories, y, folds, smoothing=10.0):
    (codes,), k = _codes(categories)
    y = np.asarray(y, dtype=np.float64)
    folds = np.asarray(folds)
    out = np.empty(len(y))
    for f in np.unique(folds):
        inside = folds == f
        other = ~inside  # statistics from the other folds only: counts, sums and the prior
        counts = np.bincount(codes[other], minlength=k)
        sums = np.bincount(codes[other], weights=y[other], minlength=k)
        out[inside] = _smoothed(codes[inside], counts, sums, float(y[other].mean()), smoothing)
    return out


def target_encode_new(train_categories, y, new_categories, smoothing=10.0):
    (train, new), k = _codes(train_categories, new_categories)
    y = np.asarray(y, dtype=np.float64)
    counts = np.bincount(train, minlength=k)
    sums = np.bincount(train, weights=y, minlength=k)
    return _smoothed(new, counts, sums, float(y.mean()), smoothing).astype(np.float64)
