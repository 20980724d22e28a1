import numpy as np


def kmeans_plus_plus(X, k, seed):
    """k-means++ seeding: first centroid uniform, then each next one with probability proportional to the
    squared distance to the nearest centroid chosen so far.

    Args:
        X: float array (n, d) with at least k distinct rows.
        k: number of centroids, >= 1.
        seed: seed for np.random.default_rng.

    Returns:
        float64 array (k, d): k distinct rows of X, in the order they were chosen.
    """
    raise NotImplementedError


def kmeans(X, init_centroids, max_iters=100):
    """Lloyd's algorithm from the given centroids.

    Alternates assignment (nearest centroid, ties to the lower index) and update (mean of assigned points;
    an empty cluster keeps its centroid) until an update changes no assignment, or max_iters updates.

    Args:
        X: float array (n, d).
        init_centroids: float array (k, d).
        max_iters: maximum number of updates, >= 0.

    Returns:
        (centroids, labels, inertia): float64 (k, d); int (n,) = nearest centroid of each point for the
        returned centroids; float sum of squared distances of points to their assigned centroid.
    """
    raise NotImplementedError
