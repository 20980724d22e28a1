# expect: wrong_answer
# Resamples WITHOUT replacement: every "resample" is a permutation of the data, so every statistic is the
# same and the interval collapses to a point.
import numpy as np


def bootstrap_ci(x, statistic="mean", n_resamples=2000, confidence=0.95, seed=0):
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    stat = {"mean": np.mean, "median": np.median, "std": lambda v: np.std(v, ddof=1)}[statistic]
    values = [stat(rng.choice(x, size=len(x), replace=False)) for _ in range(n_resamples)]
    tail = (1 - confidence) / 2
    return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))
