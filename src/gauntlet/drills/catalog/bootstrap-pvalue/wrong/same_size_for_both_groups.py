# expect: wrong_answer
# Draws len(a) values for BOTH groups (a copy-paste slip): when the groups differ in size, b's resampled mean
# has the wrong variance and the null distribution is too wide or too narrow.
import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    observed = b.mean() - a.mean()
    mu = np.concatenate([a, b]).mean()
    a0, b0 = a - a.mean() + mu, b - b.mean() + mu
    rng = np.random.default_rng(seed)
    n = len(a0)
    t = (b0[rng.integers(0, len(b0), size=(n_resamples, n))].mean(axis=1)
         - a0[rng.integers(0, n, size=(n_resamples, n))].mean(axis=1))
    extreme = np.abs(t) >= abs(observed) if alternative == "two-sided" else t >= observed
    return float((1 + extreme.sum()) / (n_resamples + 1))
