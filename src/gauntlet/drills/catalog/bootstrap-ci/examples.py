import numpy as np


def example_constant_data(sol):
    low, high = sol.bootstrap_ci(np.full(10, 3.5), "mean")
    assert low == high == 3.5, f"every resample of constant data has mean 3.5, got {(low, high)}"


def example_reproducible_with_seed(sol):
    x = np.array([2.0, 4.0, 4.0, 5.0, 7.0, 9.0, 1.0, 3.0])
    a = sol.bootstrap_ci(x, "median", seed=7)
    b = sol.bootstrap_ci(x, "median", seed=7)
    assert tuple(a) == tuple(b), "the same seed must give the same interval"


def example_interval_around_the_mean(sol):
    x = np.random.default_rng(0).normal(10.0, 2.0, size=400)
    low, high = sol.bootstrap_ci(x, "mean", n_resamples=5000)
    # the standard error is about 2 / sqrt(400) = 0.1, so a 95% interval is roughly mean ± 0.2
    assert low < x.mean() < high and 0.3 < high - low < 0.5, f"got {(low, high)} around {x.mean():.3f}"
