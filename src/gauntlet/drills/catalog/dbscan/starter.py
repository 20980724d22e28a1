import numpy as np


def dbscan(X, eps, min_samples):
    """DBSCAN with scikit-learn's conventions.

    Args:
        X: float array (n, d).
        eps: neighbourhood radius; distance <= eps counts, and a point is its own neighbour.
        min_samples: a point is core when its neighbourhood (itself included) has >= min_samples points.

    Returns:
        int array (n,): -1 for noise; clusters numbered 0, 1, ... in order of their smallest-index core point;
        a border point joins the smallest-numbered cluster with a core point within eps.
    """
    raise NotImplementedError
