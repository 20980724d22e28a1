import math

import numpy as np


def _reference(expected, actual, n_bins=10, eps=1e-4):
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    edges = sorted(set(np.quantile(expected, [i / n_bins for i in range(1, n_bins)]).tolist()))
    bounds = [-math.inf] + edges + [math.inf]

    def proportions(x):
        counts = [int(np.sum((x > lo) & (x <= hi))) for lo, hi in zip(bounds[:-1], bounds[1:])]
        return [c / len(x) if c else eps for c in counts]

    e, a = proportions(expected), proportions(actual)
    return math.fsum((ai - ei) * math.log(ai / ei) for ai, ei in zip(a, e))


def _psi(sol, expected, actual, n_bins=10, eps=1e-4):
    got = sol.psi(expected, actual, n_bins, eps)
    assert np.ndim(got) == 0, "return a single float"
    got = float(got)
    assert math.isfinite(got), "PSI must be finite (zero proportions are replaced by eps)"
    return got


def _check(sol, expected, actual, n_bins=10, eps=1e-4):
    got = _psi(sol, expected, actual, n_bins, eps)
    ref = _reference(expected, actual, n_bins, eps)
    assert math.isclose(got, ref, rel_tol=1e-9, abs_tol=1e-12), f"expected PSI {ref:.12g}, got {got:.12g}"
    return got


def test_edge_identical_samples(sol):
    x = np.random.default_rng(0).normal(size=500)
    assert math.isclose(_check(sol, x, x), 0.0, abs_tol=1e-15), "a sample compared with itself has PSI 0"


def test_edge_constant_reference(sol):
    _check(sol, np.full(50, 2.0), np.array([1.0, 2.0, 2.0, 3.0]))  # every quantile is 2: bins (-inf, 2], (2, inf)


def test_edge_empty_bins_use_eps(sol):
    expected = np.arange(1000.0)
    actual = np.full(30, 5.0)  # everything in the first decile
    got = _check(sol, expected, actual)
    assert got > 1.0, "a production sample piled into one bin is a major shift"
    _check(sol, expected, actual, eps=1e-6)


def test_edge_values_outside_the_reference_range(sol):
    expected = np.random.default_rng(1).uniform(0, 1, size=400)
    _check(sol, expected, np.array([-5.0, -1.0, 2.0, 100.0, 0.5]))


def test_edge_discrete_feature_with_tied_edges(sol):
    rng = np.random.default_rng(2)
    expected = rng.poisson(1.0, size=1000).astype(float)  # many quantiles coincide
    actual = rng.poisson(1.4, size=700).astype(float)
    _check(sol, expected, actual)
    _check(sol, expected, actual, n_bins=5)


def test_shape_lists_and_small_samples(sol):
    _check(sol, [1.0, 2.0], [2.0], n_bins=2)
    _check(sol, [3.0], [1.0, 5.0], n_bins=3)


def test_random_shifts(sol):
    rng = np.random.default_rng(3)
    for _ in range(20):
        expected = rng.normal(size=int(rng.integers(20, 2000)))
        actual = rng.normal(float(rng.uniform(-1, 1)), float(rng.uniform(0.5, 2)), size=int(rng.integers(1, 2000)))
        if rng.random() < 0.4:
            expected, actual = np.round(expected, 1), np.round(actual, 1)
        _check(sol, expected, actual, int(rng.integers(2, 21)))


def test_property_non_negative_and_grows_with_the_shift(sol):
    rng = np.random.default_rng(4)
    expected = rng.normal(size=5000)
    values = [_psi(sol, expected, rng.normal(shift, 1, size=5000)) for shift in (0.0, 0.25, 0.5, 1.0)]
    assert all(v >= 0 for v in values), "PSI is never negative"
    assert values == sorted(values) and values[-1] > 0.25 > values[0], f"larger shifts give larger PSI: {values}"


def test_property_monotone_transform_when_edges_are_data_points(sol):
    rng = np.random.default_rng(5)
    expected = rng.exponential(size=1001)  # (n - 1) * i / 10 is a whole number: every edge is a data point
    actual = rng.exponential(1.3, size=800)
    base = _psi(sol, expected, actual)
    assert math.isclose(_psi(sol, np.log(expected), np.log(actual)), base, rel_tol=1e-9), (
        "quantile bins depend only on the ordering of the values"
    )


def test_numeric_float32_and_large_samples(sol):
    rng = np.random.default_rng(6)
    expected = rng.gamma(2.0, size=200_000)
    actual = rng.gamma(2.2, size=150_000)
    _check(sol, expected, actual, 20)
    _check(sol, expected[:999].astype(np.float32), actual[:500].astype(np.float32))
