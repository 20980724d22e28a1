import numpy as np


def power_iteration(A, v0, tol=1e-12, max_iter=100_000):
    """Dominant eigenpair (largest |eigenvalue|) of a symmetric matrix.

    Args:
        A: float array (n, n), symmetric, strictly dominant eigenvalue in absolute value.
        v0: float array (n,), start vector with a component along the dominant eigenvector.
        tol: stop when ||A v - lambda v|| <= tol * |lambda|.
        max_iter: at most this many matrix-vector products.

    Returns:
        (eigenvalue, eigenvector): the Rayleigh quotient (with its sign) and a unit vector (either sign).
    """
    raise NotImplementedError
