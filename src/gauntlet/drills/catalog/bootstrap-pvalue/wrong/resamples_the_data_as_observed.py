# expect: wrong_answer
# Resamples a and b as they are, without shifting them to a common mean: the resampled differences scatter
# around t_obs instead of 0, so about half of them are "as extreme" and p stays near 0.5 whatever the data.
import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    observed = b.mean() - a.mean()
    rng = np.random.default_rng(seed)
    t = (b[rng.integers(0, len(b), size=(n_resamples, len(b)))].mean(axis=1)
         - a[rng.integers(0, len(a), size=(n_resamples, len(a)))].mean(axis=1))
    extreme = np.abs(t) >= abs(observed) if alternative == "two-sided" else t >= observed
    return float((1 + extreme.sum()) / (n_resamples + 1))
