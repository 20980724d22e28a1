# expect: wrong_answer
# Reports the plain fraction #{extreme} / B: a p-value of exactly 0 when no resample is as extreme, which
# claims more certainty than B resamples can give (the observed data are one draw from the null too).
import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    observed = b.mean() - a.mean()
    mu = np.concatenate([a, b]).mean()
    a0, b0 = a - a.mean() + mu, b - b.mean() + mu
    rng = np.random.default_rng(seed)
    t = (b0[rng.integers(0, len(b0), size=(n_resamples, len(b0)))].mean(axis=1)
         - a0[rng.integers(0, len(a0), size=(n_resamples, len(a0)))].mean(axis=1))
    extreme = np.abs(t) >= abs(observed) if alternative == "two-sided" else t >= observed
    return float(extreme.sum() / n_resamples)
