import numpy as np


def example_no_difference_gives_one(sol):
    a = np.array([1.0, 5.0, 2.0, 8.0])
    p = sol.bootstrap_pvalue(a, a[::-1], n_resamples=500, seed=1)
    assert p == 1.0, f"t_obs = 0: every resample is at least as extreme, so p = (1 + B) / (B + 1) = 1, got {p}"


def example_clear_difference_gives_the_floor(sol):
    a = np.array([0.0, 0.1, 0.2, 0.1, 0.0, 0.2])
    b = a + 100.0
    p = sol.bootstrap_pvalue(a, b, n_resamples=999, seed=2)
    assert p == 1 / 1000, f"no resample of the null world comes near a shift of 100: p = 1 / (B + 1), got {p}"


def example_p_value_is_a_frequency(sol):
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=40), rng.normal(0.8, 1.0, size=40)
    p = sol.bootstrap_pvalue(a, b, n_resamples=2000, seed=4)
    # a precise bootstrap of these data gives about 0.0045
    assert 0 < p < 0.02 and abs(p * 2001 - round(p * 2001)) < 1e-6, f"expected a count over B + 1 near 0.005, got {p}"
