import numpy as np


def gradient_boosting_step(F, y, leaf, n_leaves, learning_rate=0.1):
    """One boosting round for binary log loss, given the new tree's leaf for every example.

    Args:
        F: float array (n,), current raw scores (log-odds).
        y: 0/1 array (n,).
        leaf: int array (n,), the leaf of the new tree each example falls into.
        n_leaves: number of leaves (some may be empty).
        learning_rate: shrinkage nu.

    Returns:
        (F_new, leaf_values): F + nu * gamma[leaf], and gamma_j = sum(y - p) / sum(p (1 - p)) over leaf j
        (0 when that hessian sum is below 1e-150), p = sigmoid(F).
    """
    raise NotImplementedError
