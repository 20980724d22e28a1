# expect: wrong_answer
# Puts all of alpha in each tail (quantiles alpha and 1 - alpha): a "95%" interval that is really a 90%
# interval, too narrow.
import numpy as np


def bootstrap_ci(x, statistic="mean", n_resamples=2000, confidence=0.95, seed=0):
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    samples = x[rng.integers(0, len(x), size=(n_resamples, len(x)))]
    if statistic == "mean":
        values = samples.mean(axis=1)
    elif statistic == "median":
        values = np.median(samples, axis=1)
    else:
        values = samples.std(axis=1, ddof=1)
    alpha = 1 - confidence
    return float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha))
