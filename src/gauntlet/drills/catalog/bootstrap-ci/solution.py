import numpy as np

_STATISTICS = {
    "mean": lambda samples: samples.mean(axis=1),
    "median": lambda samples: np.median(samples, axis=1),
    "std": lambda samples: samples.std(axis=1, ddof=1),
}


def bootstrap_ci(x, statistic="mean", n_resamples=2000, confidence=0.95, seed=0):
    x = np.asarray(x, dtype=np.float64)
    rng = np.random.default_rng(seed)
    # one (B, n) index matrix: every row is a resample drawn with replacement
    resamples = x[rng.integers(0, len(x), size=(n_resamples, len(x)))]
    values = _STATISTICS[statistic](resamples)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(values, [tail, 1.0 - tail])
    return float(low), float(high)
