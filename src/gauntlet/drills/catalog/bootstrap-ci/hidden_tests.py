import numpy as np


def _reference(x, statistic, confidence, n_resamples=40_000, seed=12345):
    # a high-precision bootstrap of the same procedure with its own generator
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(n_resamples // 4000):  # in chunks, to keep memory small
        s = x[rng.integers(0, len(x), size=(4000, len(x)))]
        values.append({"mean": s.mean(1), "median": np.median(s, 1), "std": s.std(1, ddof=1)}[statistic])
    values = np.concatenate(values)
    tail = (1 - confidence) / 2
    return np.quantile(values, [tail, 1 - tail]), values.std()


def _interval(sol, *args, **kwargs):
    result = sol.bootstrap_ci(*args, **kwargs)
    low, high = (float(v) for v in result)
    assert low <= high, "low must not exceed high"
    return low, high


def _assert_close_to_reference(sol, x, statistic, confidence, tolerance_in_se):
    low, high = _interval(sol, x, statistic, n_resamples=20_000, confidence=confidence, seed=3)
    (ref_low, ref_high), se = _reference(x, statistic, confidence)
    # Monte-Carlo error of a tail quantile with B = 20,000 is a few hundredths of a standard error;
    # the tolerance is several times that
    assert abs(low - ref_low) <= tolerance_in_se * se, (
        f"{statistic}: lower end off by {abs(low - ref_low) / se:.2f} SE"
    )
    assert abs(high - ref_high) <= tolerance_in_se * se, (
        f"{statistic}: upper end off by {abs(high - ref_high) / se:.2f} SE"
    )


def test_edge_single_observation(sol):
    assert _interval(sol, np.array([4.2]), "mean") == (4.2, 4.2)
    assert _interval(sol, np.array([4.2]), "median") == (4.2, 4.2)


def test_edge_constant_data(sol):
    for statistic in ("mean", "median"):
        assert _interval(sol, np.full(25, -1.5), statistic) == (-1.5, -1.5)
    low, high = _interval(sol, np.full(25, 7.0), "std")
    assert abs(low) < 1e-12 and abs(high) < 1e-12


def test_edge_single_resample(sol):
    x = np.random.default_rng(0).normal(size=30)
    low, high = _interval(sol, x, "mean", n_resamples=1)
    assert low == high, "one resample gives one value: both quantiles equal it"
    assert x.min() <= low <= x.max()


def test_edge_two_values(sol):
    # resample means of [0, 1] with n = 2 can only be 0, 0.5 or 1
    low, high = _interval(sol, np.array([0.0, 1.0]), "mean", n_resamples=4000, confidence=0.9)
    assert (low, high) == (0.0, 1.0), "with P(0) = P(1) = 1/4 the 5% and 95% quantiles are 0 and 1"


def test_shape_returns_two_floats(sol):
    result = sol.bootstrap_ci([1.0, 2.0, 3.0, 4.0], "mean", n_resamples=100)
    assert len(result) == 2 and all(np.ndim(v) == 0 for v in result)


def test_random_mean_matches_high_precision_bootstrap(sol):
    rng = np.random.default_rng(1)
    for x in (rng.normal(5, 2, size=100), rng.exponential(3.0, size=60)):
        _assert_close_to_reference(sol, x, "mean", 0.95, 0.15)


def test_random_median_and_std(sol):
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, size=201)
    # the bootstrap distribution of a median is discrete (it lives on the data values): wider tolerance
    _assert_close_to_reference(sol, x, "median", 0.9, 0.5)
    _assert_close_to_reference(sol, rng.normal(0, 3, size=15), "std", 0.95, 0.15)


def test_property_reproducible_and_seed_dependent(sol):
    x = np.random.default_rng(3).normal(size=50)
    a, b = _interval(sol, x, "mean", seed=11), _interval(sol, x, "mean", seed=11)
    c = _interval(sol, x, "mean", seed=12)
    assert a == b, "same seed, same interval"
    assert a != c, "a different seed draws different resamples"


def test_property_nested_levels(sol):
    x = np.random.default_rng(4).exponential(size=80)
    low90, high90 = _interval(sol, x, "mean", confidence=0.90, seed=5)
    low99, high99 = _interval(sol, x, "mean", confidence=0.99, seed=5)
    assert low99 <= low90 <= high90 <= high99, "same resamples: a higher level gives a wider interval"


def test_property_within_data_range(sol):
    x = np.random.default_rng(5).uniform(-3, 8, size=20)
    for statistic in ("mean", "median"):
        low, high = _interval(sol, x, statistic)
        assert x.min() <= low and high <= x.max()


def test_property_width_shrinks_like_root_n(sol):
    rng = np.random.default_rng(6)
    small = rng.normal(size=100)
    large = rng.normal(size=1600)
    w_small = np.subtract(*_interval(sol, small, "mean", n_resamples=4000)[::-1])
    w_large = np.subtract(*_interval(sol, large, "mean", n_resamples=4000)[::-1])
    assert 3.0 < w_small / w_large < 5.3, "16 times more data: about 4 times narrower"


def test_property_coverage_of_the_true_mean(sol):
    rng = np.random.default_rng(7)
    covered = 0
    trials = 200
    for t in range(trials):
        x = rng.normal(1.0, 2.0, size=50)
        low, high = _interval(sol, x, "mean", n_resamples=1000, seed=t)
        covered += low <= 1.0 <= high
    # a percentile bootstrap for a mean with n = 50 covers slightly less than 95%
    assert 0.87 <= covered / trials <= 0.99, f"coverage {covered / trials:.2f}"


def test_numeric_float32_inputs(sol):
    # float32 data around 1e7 (whole numbers there: the float32 grid is 1 apart), spread 4: a resample's sum
    # is ~1e9, where float32 steps are 64, so means taken in float32 miss by about a standard error. Computed
    # in float64 from the float32 values given, the interval matches the float64 bootstrap within 0.15 SE.
    x = (1e7 + 4.0 * np.random.default_rng(10).normal(size=100)).astype(np.float32)
    result = sol.bootstrap_ci(x, "mean", n_resamples=20_000, confidence=0.95, seed=3)
    assert all(np.asarray(v).dtype == np.float64 for v in result), "float32 data: return float64 ends (floats)"
    low, high = (float(v) for v in result)
    (ref_low, ref_high), se = _reference(x.astype(np.float64), "mean", 0.95)
    for name, got, ref in (("lower", low, ref_low), ("upper", high, ref_high)):
        assert abs(got - ref) <= 0.15 * se, (
            f"float32 data: {name} end off by {abs(got - ref) / se:.2f} SE from the float64 bootstrap "
            "(tolerance 0.15 SE): compute in float64"
        )


def test_numeric_large_offset(sol):
    x = 1e9 + np.random.default_rng(8).normal(size=100)
    _assert_close_to_reference(sol, x, "mean", 0.95, 0.15)
