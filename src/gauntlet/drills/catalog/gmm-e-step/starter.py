import numpy as np


def gmm_e_step(X, weights, means, covariances):
    """E-step of EM for a Gaussian mixture with full covariances, in log space.

    Args:
        X: float array (n, d).
        weights: float array (K,), positive, summing to 1.
        means: float array (K, d).
        covariances: float array (K, d, d), symmetric positive definite.

    Returns:
        (resp, log_px): float64 arrays (n, K) and (n,); resp[i, k] = P(component k | x_i),
        log_px[i] = log sum_k weights[k] * N(x_i | means[k], covariances[k]).
    """
    raise NotImplementedError
