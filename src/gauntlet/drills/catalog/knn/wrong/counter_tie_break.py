# expect: wrong_answer
# Counter.most_common breaks vote ties by first appearance (i.e. the nearer neighbour's label), not by the
# smallest label as specified.
from collections import Counter

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train, dtype=int)
    d = (X_test**2).sum(1)[:, None] - 2 * X_test @ X_train.T + (X_train**2).sum(1)[None, :]
    neighbours = np.argsort(d, axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in neighbours])
