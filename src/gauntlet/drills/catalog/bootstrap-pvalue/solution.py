import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    observed = b.mean() - a.mean()
    pooled_mean = np.concatenate([a, b]).mean()
    # the null world: both groups keep their own shape and spread, but share one mean
    a0 = a - a.mean() + pooled_mean
    b0 = b - b.mean() + pooled_mean
    rng = np.random.default_rng(seed)
    mean_a = a0[rng.integers(0, len(a0), size=(n_resamples, len(a0)))].mean(axis=1)
    mean_b = b0[rng.integers(0, len(b0), size=(n_resamples, len(b0)))].mean(axis=1)
    t = mean_b - mean_a
    if alternative == "two-sided":
        extreme = np.abs(t) >= abs(observed)
    elif alternative == "larger":
        extreme = t >= observed
    else:
        raise ValueError(f"unknown alternative {alternative!r}")
    return float((1 + extreme.sum()) / (n_resamples + 1))
