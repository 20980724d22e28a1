import math
from statistics import NormalDist


def example_two_sided_test(sol):
    z, p = sol.proportions_ztest(200, 1000, 240, 1000)
    pooled = 440 / 2000
    expected_z = 0.04 / math.sqrt(pooled * (1 - pooled) * (2 / 1000))
    assert math.isclose(z, expected_z), f"z = (p_B - p_A) / pooled SE = {expected_z}, got {z}"
    assert math.isclose(p, 2 * (1 - NormalDist().cdf(expected_z))), f"got p = {p}"


def example_far_tail_keeps_its_digits(sol):
    _, p = sol.proportions_ztest(1000, 10000, 2000, 10000, alternative="larger")
    assert 0 < p < 1e-60, f"z is about 19.9: the p-value is tiny but not zero, got {p}"


def example_interval_uses_unpooled_se(sol):
    low, high = sol.difference_ci(200, 1000, 240, 1000, confidence=0.95)
    se = math.sqrt(0.2 * 0.8 / 1000 + 0.24 * 0.76 / 1000)
    z = NormalDist().inv_cdf(0.975)
    assert math.isclose(low, 0.04 - z * se) and math.isclose(high, 0.04 + z * se), f"got ({low}, {high})"
