# expect: wrong_answer
# Counts t* >= t_obs even for the two-sided test: only one tail, so the two-sided p-value is about half what it
# should be when the effect is positive, and near 1 when it is negative.
import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    observed = b.mean() - a.mean()
    mu = np.concatenate([a, b]).mean()
    a0, b0 = a - a.mean() + mu, b - b.mean() + mu
    rng = np.random.default_rng(seed)
    t = (b0[rng.integers(0, len(b0), size=(n_resamples, len(b0)))].mean(axis=1)
         - a0[rng.integers(0, len(a0), size=(n_resamples, len(a0)))].mean(axis=1))
    return float((1 + np.sum(t >= observed)) / (n_resamples + 1))
