import math
from statistics import NormalDist

import numpy as np


def _tail(z):
    return 0.5 * math.erfc(z / math.sqrt(2))


def _ref_test(x_a, n_a, x_b, n_b, alternative="two-sided"):
    pooled = (x_a + x_b) / (n_a + n_b)
    if pooled in (0.0, 1.0):
        return 0.0, 1.0 if alternative == "two-sided" else 0.5
    z = (x_b / n_b - x_a / n_a) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p = {"two-sided": min(1.0, 2 * _tail(abs(z))), "larger": _tail(z), "smaller": _tail(-z)}[alternative]
    return z, p


def _ref_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    zc = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    return p_b - p_a - zc * se, p_b - p_a + zc * se


def _test(sol, *args):
    out = sol.proportions_ztest(*args)
    assert len(out) == 2, "return (z, p_value)"
    return float(out[0]), float(out[1])


def _check_test(sol, x_a, n_a, x_b, n_b, alternative="two-sided"):
    z, p = _test(sol, x_a, n_a, x_b, n_b, alternative)
    ref_z, ref_p = _ref_test(x_a, n_a, x_b, n_b, alternative)
    case = f"x_a={x_a}, n_a={n_a}, x_b={x_b}, n_b={n_b}, {alternative}"
    assert math.isclose(z, ref_z, rel_tol=1e-9, abs_tol=1e-12), f"z: expected {ref_z:.12g}, got {z:.12g} ({case})"
    assert math.isclose(p, ref_p, rel_tol=1e-9, abs_tol=1e-300), (
        f"p-value: expected {ref_p:.12g}, got {p:.12g} ({case})"
    )
    return z, p


def _check_ci(sol, x_a, n_a, x_b, n_b, confidence=0.95):
    out = sol.difference_ci(x_a, n_a, x_b, n_b, confidence)
    assert len(out) == 2, "return (low, high)"
    low, high = float(out[0]), float(out[1])
    ref_low, ref_high = _ref_ci(x_a, n_a, x_b, n_b, confidence)
    case = f"x_a={x_a}, n_a={n_a}, x_b={x_b}, n_b={n_b}, confidence={confidence}"
    assert math.isclose(low, ref_low, rel_tol=1e-9, abs_tol=1e-12), (
        f"low: expected {ref_low:.12g}, got {low:.12g} ({case})"
    )
    assert math.isclose(high, ref_high, rel_tol=1e-9, abs_tol=1e-12), (
        f"high: expected {ref_high:.12g}, got {high:.12g} ({case})"
    )
    return low, high


def test_edge_nobody_or_everybody_converts(sol):
    for alternative, p in (("two-sided", 1.0), ("larger", 0.5), ("smaller", 0.5)):
        assert _check_test(sol, 0, 500, 0, 800, alternative) == (0.0, p)
        assert _check_test(sol, 300, 300, 20, 20, alternative) == (0.0, p)
    assert _check_ci(sol, 0, 500, 0, 800) == (0.0, 0.0)


def test_edge_one_group_without_conversions(sol):
    _check_test(sol, 0, 1000, 12, 1000)
    _check_test(sol, 0, 1000, 12, 1000, "larger")
    _check_ci(sol, 0, 1000, 12, 1000, 0.9)


def test_edge_tiny_groups(sol):
    _check_test(sol, 1, 1, 0, 1)
    _check_test(sol, 0, 2, 1, 3, "smaller")
    _check_ci(sol, 1, 2, 1, 1)


def test_edge_billions_of_users(sol):
    _check_test(sol, 31_000_000, 1_000_000_000, 31_010_000, 1_000_000_000)
    _check_ci(sol, 31_000_000, 1_000_000_000, 31_010_000, 1_000_000_000, 0.99)


def test_shape_returns_two_floats(sol):
    z, p = _test(sol, 10, 100, 15, 100)
    assert 0 <= p <= 1 and isinstance(z, float)


def test_random_tests_and_intervals(sol):
    rng = np.random.default_rng(0)
    for _ in range(60):
        n_a, n_b = int(rng.integers(1, 100_000)), int(rng.integers(1, 100_000))
        rate = float(rng.uniform(0, 0.5))
        x_a = int(rng.binomial(n_a, rate))
        x_b = int(rng.binomial(n_b, min(1.0, rate * float(rng.uniform(0.7, 1.5)))))
        _check_test(sol, x_a, n_a, x_b, n_b, str(rng.choice(["two-sided", "larger", "smaller"])))
        _check_ci(sol, x_a, n_a, x_b, n_b, float(rng.choice([0.8, 0.9, 0.95, 0.99, 0.999])))


def test_property_swapping_the_variants(sol):
    z_ab, p_ab = _test(sol, 180, 2000, 230, 2100)
    z_ba, p_ba = _test(sol, 230, 2100, 180, 2000)
    assert math.isclose(z_ab, -z_ba, rel_tol=1e-12) and math.isclose(p_ab, p_ba, rel_tol=1e-12), (
        "swapping A and B flips the sign of z and keeps the two-sided p-value"
    )
    _, larger = _test(sol, 180, 2000, 230, 2100, "larger")
    _, smaller = _test(sol, 230, 2100, 180, 2000, "smaller")
    assert math.isclose(larger, smaller, rel_tol=1e-12)
    assert math.isclose(p_ab, 2 * larger, rel_tol=1e-9), "two-sided = twice the smaller one-sided p-value"


def test_property_false_positive_rate_under_the_null(sol):
    rng = np.random.default_rng(1)
    rejections = 0
    for _ in range(1000):
        _, p = _test(sol, int(rng.binomial(4000, 0.1)), 4000, int(rng.binomial(4000, 0.1)), 4000)
        rejections += p < 0.05
    assert 30 <= rejections <= 70, f"with no real difference about 5% of tests reject at 0.05, got {rejections / 10}%"


def test_property_interval_contains_the_difference(sol):
    low, high = _check_ci(sol, 420, 5000, 505, 5200, 0.95)
    diff = 505 / 5200 - 420 / 5000
    assert low < diff < high and math.isclose(diff - low, high - diff, rel_tol=1e-9)
    wide = sol.difference_ci(420, 5000, 505, 5200, 0.99)
    assert wide[0] < low and wide[1] > high, "a higher confidence gives a wider interval"


def test_numeric_far_tail_p_values(sol):
    for x_b in (1300, 1600, 2200, 2600):  # z from about 6 to 30
        _check_test(sol, 1000, 10_000, x_b, 10_000)
        _check_test(sol, 1000, 10_000, x_b, 10_000, "larger")
        _check_test(sol, x_b, 10_000, 1000, 10_000, "smaller")
