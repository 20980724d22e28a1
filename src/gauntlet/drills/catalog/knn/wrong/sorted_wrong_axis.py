# expect: wrong_answer
# argsort along axis 0 ranks test points for each training point instead of training points for each
# test point; the "neighbours" are then test indices used as training indices.
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train, dtype=int)
    d = (X_test**2).sum(1)[:, None] - 2 * X_test @ X_train.T + (X_train**2).sum(1)[None, :]
    order = np.argsort(d, axis=0, kind="stable")
    preds = []
    for i in range(len(X_test)):
        cols = order[:k, i % order.shape[1]] % len(y_train)
        preds.append(np.bincount(y_train[cols]).argmax())
    return np.array(preds)
