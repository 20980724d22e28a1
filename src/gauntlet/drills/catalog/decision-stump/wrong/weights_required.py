# expect: runtime_error
# Forgets that sample_weight defaults to None: `None / None.sum()` raises AttributeError.
import numpy as np


def fit_stump(X, y, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    w = sample_weight / sample_weight.sum()
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for s in (1, -1):
                err = float(w[np.where(X[:, j] > t, s, -s) != y].sum())
                if best is None or err < best[3]:
                    best = (j, float(t), s, err)
    return best


def predict_stump(X, feature, threshold, polarity):
    return np.where(np.asarray(X, dtype=float)[:, feature] > threshold, polarity, -polarity)
