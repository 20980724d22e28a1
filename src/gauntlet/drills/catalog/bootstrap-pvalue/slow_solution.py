# Slow but correct: the resampled means are computed one resample at a time with Python's sum() over
# lists, and the extreme ones counted in a Python loop, instead of NumPy means along axis 1.
import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    a = [float(v) for v in a]
    b = [float(v) for v in b]
    mean_a = sum(a) / len(a)
    mean_b = sum(b) / len(b)
    observed = mean_b - mean_a
    common_mean = (sum(a) + sum(b)) / (len(a) + len(b))
    a_null = np.array([v - mean_a + common_mean for v in a])
    b_null = np.array([v - mean_b + common_mean for v in b])
    rng = np.random.default_rng(seed)
    draws_a = a_null[rng.integers(0, len(a), size=(n_resamples, len(a)))].tolist()
    draws_b = b_null[rng.integers(0, len(b), size=(n_resamples, len(b)))].tolist()
    as_extreme = 0
    for resample_a, resample_b in zip(draws_a, draws_b):
        t = sum(resample_b) / len(resample_b) - sum(resample_a) / len(resample_a)
        if alternative == "two-sided":
            as_extreme += abs(t) >= abs(observed)
        elif alternative == "larger":
            as_extreme += t >= observed
        else:
            raise ValueError(f"unknown alternative {alternative!r}")
    return (1 + as_extreme) / (n_resamples + 1)
