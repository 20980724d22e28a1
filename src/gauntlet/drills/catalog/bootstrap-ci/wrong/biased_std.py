# expect: wrong_answer
# Uses np.std's default ddof=0 for "std": every bootstrap value is shrunk by sqrt((n - 1) / n), which
# matters for small samples.
import numpy as np


def bootstrap_ci(x, statistic="mean", n_resamples=2000, confidence=0.95, seed=0):
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    samples = x[rng.integers(0, len(x), size=(n_resamples, len(x)))]
    fn = {"mean": np.mean, "median": np.median, "std": np.std}[statistic]
    values = fn(samples, axis=1)
    tail = (1 - confidence) / 2
    return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))
