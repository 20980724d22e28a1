# expect: wrong_answer
# Counts mistakes instead of weighing them: fine for the first AdaBoost round (uniform weights), wrong for
# every later one.
import numpy as np


def fit_stump(X, y, sample_weight=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for s in (1, -1):
                err = float(np.mean(np.where(X[:, j] > t, s, -s) != y))
                if best is None or err < best[3]:
                    best = (j, float(t), s, err)
    return best


def predict_stump(X, feature, threshold, polarity):
    return np.where(np.asarray(X, dtype=float)[:, feature] > threshold, polarity, -polarity)
