import math

import numpy as np

REFERENCE_RESAMPLES = 20_000


def _reference(a, b, alternative="two-sided", resamples=REFERENCE_RESAMPLES, seed=12345):
    """A more precise bootstrap of the same null (Monte-Carlo sd below 0.0036 for any p)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    observed = b.mean() - a.mean()
    mu = np.concatenate([a, b]).mean()
    a0, b0 = a - a.mean() + mu, b - b.mean() + mu
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, resamples, 20_000):
        size = min(20_000, resamples - start)
        t = (b0[rng.integers(0, len(b0), size=(size, len(b0)))].mean(axis=1)
             - a0[rng.integers(0, len(a0), size=(size, len(a0)))].mean(axis=1))
        hits += int(np.sum(np.abs(t) >= abs(observed)) if alternative == "two-sided" else np.sum(t >= observed))
    return (1 + hits) / (resamples + 1)


def _p(sol, a, b, resamples=2000, alternative="two-sided", seed=0):
    p = sol.bootstrap_pvalue(a, b, resamples, alternative, seed)
    assert np.ndim(p) == 0, "return a single float"
    p = float(p)
    assert 1 / (resamples + 1) - 1e-15 <= p <= 1 + 1e-15, f"p must lie in [1/(B+1), 1], got {p}"
    count = p * (resamples + 1)
    assert abs(count - round(count)) < 1e-6, "p must be (1 + a count) / (B + 1)"
    return p


def _close_to_reference(sol, a, b, resamples=2000, alternative="two-sided", seed=0):
    p = _p(sol, a, b, resamples, alternative, seed)
    ref = _reference(a, b, alternative)
    # five Monte-Carlo standard deviations of each estimate, plus a little slack
    variance = max(ref * (1 - ref), 1e-4)
    tol = 5 * math.sqrt(variance / resamples) + 5 * math.sqrt(variance / REFERENCE_RESAMPLES) + 0.002
    assert abs(p - ref) <= tol, f"p = {p:.4f} is too far from a 20,000-resample bootstrap of the null ({ref:.4f})"
    return p, ref


def test_edge_equal_means_give_one(sol):
    a = np.array([1.0, 2.0, 3.0, 6.0])
    b = np.array([3.0, 3.0, 0.0, 6.0, 4.0, 2.0])  # both means are exactly 3
    assert _p(sol, a, b, 300, seed=1) == 1.0, "t_obs = 0: p = 1"


def test_edge_far_apart_gives_the_floor(sol):
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=30), rng.normal(50.0, 1.0, size=45)
    assert _p(sol, a, b, 777, seed=3) == 1 / 778, "no resample comes near: p = 1 / (B + 1)"
    assert _p(sol, a, b, 777, "larger", seed=3) == 1 / 778, "no resample comes near: p = 1 / (B + 1)"


def test_edge_wrong_direction_for_one_sided(sol):
    rng = np.random.default_rng(4)
    a, b = rng.normal(5.0, 1.0, size=30), rng.normal(0.0, 1.0, size=30)
    assert _p(sol, a, b, 500, "larger", seed=5) == 1.0, "mean(b) far below mean(a): every resample is larger"


def test_edge_two_values_per_group(sol):
    _close_to_reference(sol, np.array([0.0, 1.0]), np.array([0.5, 2.5]), 3000, seed=6)


def test_shape_lists_and_one_resample(sol):
    p = _p(sol, [1.0, 2.0, 3.0], [2.0, 3.0, 4.5], 1, seed=7)
    assert p in (0.5, 1.0), "with B = 1 the p-value is 1/2 or 1"


def test_random_against_a_precise_bootstrap(sol):
    rng = np.random.default_rng(8)
    for k in range(6):
        n, m = int(rng.integers(5, 80)), int(rng.integers(5, 200))
        a = rng.lognormal(0.0, 1.0, size=n)
        b = rng.lognormal(float(rng.uniform(0, 0.6)), 1.0, size=m)
        _close_to_reference(sol, a, b, 2000, str(rng.choice(["two-sided", "larger"])), seed=k)


def test_random_very_different_group_sizes(sol):
    rng = np.random.default_rng(9)
    a, b = rng.normal(0.0, 0.5, size=150), rng.normal(1.0, 3.0, size=8)  # a small, noisy b
    _close_to_reference(sol, a, b, 3000, seed=10)


def test_property_reproducible_with_a_seed(sol):
    rng = np.random.default_rng(11)
    a, b = rng.normal(size=25), rng.normal(0.4, 1.0, size=25)
    assert _p(sol, a, b, 1000, seed=42) == _p(sol, a, b, 1000, seed=42), "the same seed gives the same p-value"
    values = {_p(sol, a, b, 1000, seed=s) for s in range(5)}
    assert len(values) > 1, "different seeds give (slightly) different p-values"


def test_property_small_p_values_are_rare_under_the_null(sol):
    rng = np.random.default_rng(12)
    small = 0
    for k in range(150):
        a, b = rng.exponential(size=40), rng.exponential(size=60)  # same distribution: the null is true
        small += _p(sol, a, b, 400, seed=k) < 0.1
    assert 5 <= small <= 30, f"about 10% of null datasets should give p < 0.1, got {small / 1.5:.0f}%"


def test_numeric_float32_inputs(sol):
    # float32 data around 1e7, where the float32 grid is 1 apart: means, and the shift to the common mean, taken
    # in float32 are off by whole units. Computed in float64 from the float32 values given, the p-value is that
    # of the float64 data.
    a = (1e7 + np.array([1.0, 2.0, 3.0, 6.0])).astype(np.float32)
    b = (1e7 + np.array([3.0, 3.0, 0.0, 6.0, 4.0, 2.0])).astype(np.float32)  # both means are exactly 1e7 + 3
    p = sol.bootstrap_pvalue(a, b, 300, "two-sided", 1)
    assert np.asarray(p).dtype == np.float64, "float32 data: return a float64 (a Python float)"
    assert float(p) == 1.0, "float32 data with equal means (exact in float64): t_obs = 0 and p = 1"
    rng = np.random.default_rng(16)
    a = (1e7 + 4.0 * rng.normal(size=50)).astype(np.float32)
    b = (1e7 + 1.5 + 4.0 * rng.normal(size=70)).astype(np.float32)
    _close_to_reference(sol, a, b, 2000, seed=14)  # _reference converts the float32 values to float64


def test_numeric_large_offsets(sol):
    rng = np.random.default_rng(13)
    a, b = 1e9 + rng.normal(size=50), 1e9 + 0.3 + rng.normal(size=50)
    _close_to_reference(sol, a, b, 2000, seed=14)
