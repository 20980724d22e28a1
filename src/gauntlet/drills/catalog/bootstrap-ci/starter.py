import numpy as np


def bootstrap_ci(x, statistic="mean", n_resamples=2000, confidence=0.95, seed=0):
    """Percentile bootstrap confidence interval for a statistic of a 1-D sample.

    Draws n_resamples resamples of size n with replacement using np.random.default_rng(seed), computes the
    statistic on each, and returns the (1 - confidence) / 2 and 1 - (1 - confidence) / 2 quantiles of the
    bootstrap distribution (np.quantile, linear interpolation).

    Args:
        x: 1-D float array, n >= 1 (n >= 2 for "std").
        statistic: "mean", "median" or "std" (ddof=1).
        n_resamples: number of bootstrap resamples B, >= 1.
        confidence: confidence level in (0, 1).
        seed: seed for np.random.default_rng.

    Returns:
        (low, high): floats with low <= high.
    """
    raise NotImplementedError
