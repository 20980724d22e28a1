import numpy as np


def fit_stump(X, y, sample_weight=None):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, d = X.shape
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    w = w / w.sum()
    positive = y == 1

    best = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        values = X[order, j]
        cut = np.flatnonzero(values[1:] != values[:-1])
        if cut.size == 0:
            continue
        # polarity +1 predicts -1 on the left: its errors are the positives on the left plus the
        # negatives on the right
        pos_left = np.cumsum(np.where(positive[order], w[order], 0.0))[cut]
        neg_left = np.cumsum(np.where(positive[order], 0.0, w[order]))[cut]
        neg_total = w[~positive].sum()
        err_plus = pos_left + (neg_total - neg_left)
        err_minus = 1.0 - err_plus
        for errors, polarity in ((err_plus, 1), (err_minus, -1)):
            i = int(np.argmin(errors))
            candidate_key = (errors[i], j, values[cut[i]], -polarity)
            if best is None or candidate_key < best[0]:
                threshold = (values[cut[i]] + values[cut[i] + 1]) / 2.0
                best = (candidate_key, (j, float(threshold), polarity, float(errors[i])))
    return None if best is None else best[1]


def predict_stump(X, feature, threshold, polarity):
    column = np.asarray(X, dtype=np.float64)[:, feature]
    return np.where(column > threshold, polarity, -polarity).astype(np.int64)
