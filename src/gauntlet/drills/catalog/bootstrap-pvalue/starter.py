import numpy as np


def bootstrap_pvalue(a, b, n_resamples=2000, alternative="two-sided", seed=0):
    """Bootstrap p-value for mean(b) - mean(a), resampling from groups shifted to a common mean.

    Args:
        a, b: float arrays (n,), (m,), n, m >= 2.
        n_resamples: B.
        alternative: "two-sided" (|t*| >= |t_obs|) or "larger" (t* >= t_obs).
        seed: seed for np.random.default_rng.

    Returns:
        float: (1 + number of resamples at least as extreme as the observed difference) / (B + 1).
    """
    raise NotImplementedError
