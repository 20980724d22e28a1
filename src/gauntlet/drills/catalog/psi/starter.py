import numpy as np


def psi(expected, actual, n_bins=10, eps=1e-4):
    """Population stability index of `actual` against `expected`.

    Bins: interior edges = np.quantile(expected, [1/B, ..., (B-1)/B]) deduplicated; bins closed on the right,
    outer bins open-ended. Zero proportions become eps. PSI = sum((a - e) * ln(a / e)).

    Args:
        expected: float array (n_e,), the reference sample.
        actual: float array (n_a,), the sample to compare.
        n_bins: B >= 2.
        eps: replacement for a proportion of exactly 0.

    Returns:
        float >= 0.
    """
    raise NotImplementedError
