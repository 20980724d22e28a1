import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(a, b):
    # brute force over the pooled values, straight from the definition (fine for small samples)
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    grid = np.unique(np.concatenate([a, b]))
    fa = (a[None, :] <= grid[:, None]).mean(axis=1)
    fb = (b[None, :] <= grid[:, None]).mean(axis=1)
    return float(np.max(np.abs(fa - fb)))


def _fast_reference(a, b):
    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
    grid = np.unique(np.concatenate([a, b]))
    gap = np.searchsorted(a, grid, side="right") / len(a) - np.searchsorted(b, grid, side="right") / len(b)
    return float(np.abs(gap).max())


def test_edge_single_values(sol):
    assert np.isclose(sol.ks_statistic([0.0], [1.0]), 1.0)
    assert np.isclose(sol.ks_statistic([1.0], [1.0]), 0.0)


def test_edge_disjoint_supports(sol):
    assert np.isclose(sol.ks_statistic(np.arange(5.0), np.arange(10.0, 13.0)), 1.0)


def test_edge_one_sample_constant(sol):
    a = np.full(6, 2.0)
    b = np.array([1.0, 2.0, 2.0, 3.0])
    assert np.isclose(sol.ks_statistic(a, b), _reference(a, b), rtol=RTOL, atol=ATOL)


def test_edge_ties_across_samples(sol):
    a = np.array([1.0, 2.0, 2.0, 2.0, 3.0])
    b = np.array([2.0, 2.0, 4.0])
    assert np.isclose(sol.ks_statistic(a, b), _reference(a, b), rtol=RTOL, atol=ATOL)


def test_shape_scalar_and_list_inputs(sol):
    d = sol.ks_statistic([0.5, 0.1, 0.9], [0.2, 0.3])
    assert np.ndim(d) == 0
    assert np.isclose(d, _reference([0.5, 0.1, 0.9], [0.2, 0.3]), rtol=RTOL, atol=ATOL)


def test_random_continuous(sol):
    rng = np.random.default_rng(0)
    for n, m in [(10, 10), (30, 7), (200, 350)]:
        a, b = rng.normal(size=n), rng.normal(0.3, 1.2, size=m)
        assert np.isclose(sol.ks_statistic(a, b), _reference(a, b), rtol=RTOL, atol=ATOL)


def test_random_discrete_with_ties(sol):
    rng = np.random.default_rng(1)
    for _ in range(20):
        n, m = int(rng.integers(1, 60)), int(rng.integers(1, 60))
        a = rng.poisson(3.0, size=n).astype(float)
        b = rng.poisson(float(rng.uniform(2, 5)), size=m).astype(float)
        assert np.isclose(sol.ks_statistic(a, b), _reference(a, b), rtol=RTOL, atol=ATOL)


def test_property_symmetric(sol):
    rng = np.random.default_rng(2)
    a, b = rng.integers(0, 8, size=40).astype(float), rng.integers(0, 10, size=25).astype(float)
    assert np.isclose(sol.ks_statistic(a, b), sol.ks_statistic(b, a), rtol=RTOL, atol=ATOL)


def test_property_invariant_to_order_and_monotone_maps(sol):
    rng = np.random.default_rng(3)
    a, b = rng.exponential(size=80), rng.exponential(1.5, size=60)
    base = sol.ks_statistic(a, b)
    assert np.isclose(sol.ks_statistic(rng.permutation(a), rng.permutation(b)), base, rtol=RTOL, atol=ATOL)
    assert np.isclose(sol.ks_statistic(np.log(a), np.log(b)), base, rtol=RTOL, atol=ATOL), (
        "D only depends on the ordering of the values"
    )


def test_property_duplicating_a_sample_changes_nothing(sol):
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=30), rng.normal(size=45)
    assert np.isclose(sol.ks_statistic(np.tile(a, 3), b), sol.ks_statistic(a, b), rtol=RTOL, atol=ATOL), (
        "repeating every observation keeps the empirical CDF"
    )


def test_property_bounded(sol):
    rng = np.random.default_rng(5)
    for _ in range(10):
        d = sol.ks_statistic(rng.normal(size=20), rng.normal(size=15) * 3)
        assert 0.0 <= d <= 1.0


def test_numeric_large_samples(sol):
    rng = np.random.default_rng(6)
    a = np.round(rng.normal(size=300_000), 2)
    b = np.round(rng.normal(0.01, 1.0, size=200_000), 2)
    assert np.isclose(sol.ks_statistic(a, b), _fast_reference(a, b), rtol=RTOL, atol=ATOL)


def test_numeric_float32_samples(sol):
    # float32 samples around 1000 with spread 0.01: the float32 grid there is 6e-5 apart, so 5,000 values take
    # only ~700 distinct ones (ties within and across samples, those of the float32 values given). CDF steps
    # accumulated in float32 (e.g. a cumulative sum of np.ones_like(a) / n) drift by ~1e-5 relative; computed in
    # float64, D matches the float64 reference to rtol 1e-9.
    rng = np.random.default_rng(10)
    a = (1e3 + 0.01 * rng.normal(size=3000)).astype(np.float32)
    b = (1e3 + 0.01 * rng.normal(0.001, 1.0, size=2000)).astype(np.float32)
    d = sol.ks_statistic(a, b)
    assert np.ndim(d) == 0 and np.asarray(d).dtype == np.float64, "float32 samples: return a float64 (a float)"
    expected = _fast_reference(a.astype(np.float64), b.astype(np.float64))
    assert np.isclose(d, expected, rtol=RTOL, atol=ATOL), (
        f"float32 samples: expected D = {expected!r} (the float64 computation, rtol 1e-9), got {float(d)!r}"
    )


def test_numeric_extreme_magnitudes(sol):
    a = np.array([-1e300, 1e-300, 5e-324, 1e300])
    b = np.array([0.0, 1e-300, 1e300, 1e300])
    assert np.isclose(sol.ks_statistic(a, b), _reference(a, b), rtol=RTOL, atol=ATOL)
