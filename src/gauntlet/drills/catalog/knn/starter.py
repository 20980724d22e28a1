import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    """Majority vote among the k nearest training points (Euclidean distance).

    Distance ties: the smaller training index is nearer. Vote ties: the smallest label wins.

    Args:
        X_train: float array (n, d).
        y_train: int array (n,) of non-negative labels.
        X_test: float array (m, d).
        k: number of neighbours, 1 <= k <= n.

    Returns:
        int array (m,) of predicted labels.
    """
    raise NotImplementedError
