# Slow but correct: every candidate threshold and polarity is scored by predicting all n samples again
# (O(d * n^2) overall) instead of sorting each column once and using cumulative sums of weights.
import numpy as np


def predict_stump(X, feature, threshold, polarity):
    column = np.asarray(X, dtype=np.float64)[:, feature]
    return np.where(column > threshold, polarity, -polarity).astype(np.int64)


def fit_stump(X, y, sample_weight=None):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, d = X.shape
    if sample_weight is None:
        w = np.ones(n)
    else:
        w = np.asarray(sample_weight, dtype=np.float64)
    total = w.sum()
    best = None
    for j in range(d):
        values = sorted(set(X[:, j].tolist()))
        for k in range(len(values) - 1):
            threshold = (values[k] + values[k + 1]) / 2.0
            for polarity in (1, -1):
                predictions = predict_stump(X, j, threshold, polarity)
                error = float(w[predictions != y].sum() / total)
                if best is None or error < best[3]:  # strict: earlier feature, threshold, polarity win ties
                    best = (j, threshold, polarity, error)
    return best
