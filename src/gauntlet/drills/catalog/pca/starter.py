import numpy as np


def pca(X, n_components):
    """Principal component analysis of the rows of X.

    Centres the columns, then takes the top eigenvectors of the unbiased covariance (n - 1 denominator),
    ordered by decreasing eigenvalue; each component is flipped so that its largest-magnitude entry is
    positive.

    Args:
        X: float array (n, d), n >= 2.
        n_components: k, 1 <= k <= min(n, d).

    Returns:
        (components, explained_variance, projected): float64 arrays of shapes (k, d), (k,) and (n, k);
        projected = (X - X.mean(axis=0)) @ components.T.
    """
    raise NotImplementedError
