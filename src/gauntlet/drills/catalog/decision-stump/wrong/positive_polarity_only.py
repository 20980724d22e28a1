# expect: wrong_answer
# Only tries "predict +1 above the threshold": when the positive class sits at small values the best it
# can do is worse than chance.
import numpy as np


def fit_stump(X, y, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    w = w / w.sum()
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            err = float(w[np.where(X[:, j] > t, 1, -1) != y].sum())
            if best is None or err < best[3]:
                best = (j, float(t), 1, err)
    return best


def predict_stump(X, feature, threshold, polarity):
    return np.where(np.asarray(X, dtype=float)[:, feature] > threshold, polarity, -polarity)
