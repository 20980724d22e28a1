import numpy as np


def isotonic_fit(x, y, sample_weight=None):
    """Weighted least-squares non-decreasing fit of y against x (pool adjacent violators).

    Args:
        x: float array (n,), any order, ties allowed (tied x get one fitted value).
        y: float array (n,).
        sample_weight: None or positive float array (n,).

    Returns:
        float64 array (n,): the fitted value of each input point, in the input order.
    """
    raise NotImplementedError
