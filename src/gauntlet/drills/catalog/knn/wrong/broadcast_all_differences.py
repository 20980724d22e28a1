# expect: memory_limit
# Correct, but materialises every coordinate difference: an (m, n, d) float64 array of several GB on the
# large hidden test.
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train, dtype=int)
    diff = X_test[:, None, :] - X_train[None, :, :]
    dist = np.sqrt((diff**2).sum(axis=2))
    neighbours = np.argsort(dist, axis=1, kind="stable")[:, :k]
    return np.array([np.bincount(y_train[row]).argmax() for row in neighbours])
