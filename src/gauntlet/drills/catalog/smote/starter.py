import numpy as np


def smote(X_min, n_synthetic, k=5, seed=0):
    """Synthetic minority points on segments to nearest minority neighbours.

    Each point: base i uniform, partner j uniform among the k nearest other minority points of i
    (k capped at m - 1), gap u ~ U[0, 1) shared by all coordinates, new = X_min[i] + u (X_min[j] - X_min[i]).

    Args:
        X_min: float array (m, d) of distinct minority points, m >= 1.
        n_synthetic: number of points to generate, >= 0.
        k: number of nearest neighbours, >= 1.
        seed: seed for np.random.default_rng.

    Returns:
        float64 array (n_synthetic, d); copies of the single point when m == 1.
    """
    raise NotImplementedError


def balance_with_smote(X, y, k=5, seed=0):
    """Oversample the minority class of a binary problem with SMOTE until both classes have the same count.

    Args:
        X: float array (n, d).
        y: int array (n,) with two distinct label values.
        k: neighbours for SMOTE.
        seed: seed for np.random.default_rng.

    Returns:
        (X_resampled, y_resampled): the original rows first, then n_majority - n_minority synthetic
        minority rows built from minority points only; labels extended with the minority label.
    """
    raise NotImplementedError
