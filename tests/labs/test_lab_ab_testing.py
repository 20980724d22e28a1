"""ab-testing: one test at a fixed horizon keeps false positives at alpha, naive peeking inflates them
(about 19% with 10 looks), Pocock and O'Brien-Fleming boundaries bring them back to alpha; simulated
power follows the normal-approximation formula; significant wins from underpowered or early-stopped
tests overstate the lift; every sentence the lab prints agrees with its numbers."""

import math
import re

import pytest

from gauntlet.labs.ab_testing import PEEK_COUNTS, near_alpha_tolerance
from gauntlet.labs.models import power_two_proportions, sample_size_two_proportions
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def check_lesson(n):
    alpha, tolerance = 0.05, near_alpha_tolerance(0.05)
    assert abs(n["fixed_fpr"] - alpha) <= tolerance
    for design in ("pocock", "obrien_fleming"):
        assert abs(n[f"{design}_fpr"] - alpha) <= tolerance, design
    assert 0.17 <= n["naive_fpr"] <= 0.21  # 10 looks; 0.193 for a continuously observed normal statistic
    rates = [n[f"fpr_{k}_looks"] for k in PEEK_COUNTS]
    assert rates == sorted(rates) and rates[-1] > 0.33
    # Jennison and Turnbull's constants for 10 equally spaced looks at alpha 0.05
    assert n["pocock_constant"] == pytest.approx(2.555, abs=0.02)
    assert n["obrien_fleming_constant"] == pytest.approx(2.087, abs=0.02)
    # power: simulation and formula agree; the formula's sample size gives 80%
    assert n["fixed_power"] == pytest.approx(n["formula_power"], abs=3 * math.sqrt(0.1 * 0.9 / 20_000) + 0.005)
    assert n["naive_power"] > n["fixed_power"] > n["obrien_fleming_power"] > n["pocock_power"]
    assert n["pocock_mean_users"] < n["obrien_fleming_mean_users"] < 20_000
    # the winner's curse
    assert n["first_batch_exaggeration"] > 3 and n["fixed_exaggeration"] < 1.1
    assert n["naive_exaggeration"] > n["fixed_exaggeration"] + 0.2


@pytest.mark.slow  # thousands of simulated tests: seconds
def test_peeking_power_and_the_winners_curse():
    check_lesson(run_lab("ab-testing", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_peeking_power_and_the_winners_curse_on_every_seed(seed):
    check_lesson(run_lab("ab-testing", seed).numbers)


def _one_tail_power(p_a, p_b, n, alpha):
    """Power counting only rejections in the direction of the true difference (what the formula solves for)."""
    from statistics import NormalDist

    pooled = (p_a + p_b) / 2
    null_se = math.sqrt(2 * pooled * (1 - pooled) / n)
    true_se = math.sqrt((p_a * (1 - p_a) + p_b * (1 - p_b)) / n)
    c = NormalDist().inv_cdf(1 - alpha / 2)
    return NormalDist().cdf(abs(p_b - p_a) / true_se - c * null_se / true_se)


def test_sample_size_formula():
    # 10% vs 12%, alpha 0.05 two-sided, 80% power: 3,841 per arm (the normal approximation, no continuity
    # correction); in general the formula's n is the smallest that reaches the power in the direction of the
    # effect (counting the other tail too, which is what power_two_proportions does, can only add a little)
    assert sample_size_two_proportions(0.10, 0.12, 0.05, 0.8) == 3841
    for p_a, p_b, alpha, power in ((0.10, 0.11, 0.05, 0.8), (0.02, 0.025, 0.01, 0.9), (0.5, 0.45, 0.1, 0.5)):
        n = sample_size_two_proportions(p_a, p_b, alpha, power)
        assert _one_tail_power(p_a, p_b, n, alpha) >= power > _one_tail_power(p_a, p_b, n - 1, alpha)
        assert power_two_proportions(p_a, p_b, n, alpha) >= power


@pytest.mark.slow  # thousands of simulated tests: seconds
def test_no_lift_means_power_is_the_false_positive_rate():
    result = run_lab("ab-testing", 0, {"lift": "0", "looks": "1"})
    n = result.numbers
    assert "users_for_80_percent_power" not in n and "fixed_exaggeration" not in n
    assert abs(n["fixed_power"] - 0.05) <= near_alpha_tolerance(0.05)
    assert result.notices[-1].startswith("With no lift")
    assert not any("Pocock" in text for text in result.notices)  # one look: nothing sequential to report


def _percentages(text):
    return [float(x) / 100 for x in re.findall(r"(\d+(?:\.\d+)?)%", text)]


def check_notices(result):
    n, notices, params = result.numbers, result.notices, result.params
    alpha, looks = params["alpha"], n["looks_made"]
    assert f"significant in {n['fixed_fpr']:.1%}" in notices[0]
    if looks > 1:
        assert f"gave {n['naive_fpr']:.1%}" in notices[0]
    rates = [n[f"fpr_{k}_looks"] for k in PEEK_COUNTS]
    assert ("rises with every step up" in notices[1]) == (rates == sorted(rates))
    for k, rate in zip(PEEK_COUNTS, rates, strict=True):
        assert f"{k} look{'s' if k > 1 else ''} {rate:.1%}" in notices[1]
    sequential = [text for text in notices if text.startswith("On the same")]
    assert bool(sequential) == (looks > 1)
    if sequential:
        tolerance = near_alpha_tolerance(alpha)
        near = all(abs(n[f"{d}_fpr"] - alpha) <= tolerance for d in ("pocock", "obrien_fleming"))
        assert ("both within" in sequential[0]) == near
    power = [text for text in notices if text.startswith("With a true lift")]
    assert bool(power) == (params["lift"] > 0)
    if power:
        underpowered = n["users_for_80_percent_power"] > params["n_per_arm"]
        assert ("this test is underpowered" in power[0]) == underpowered
        assert f"{n['users_for_80_percent_power']:,} users per arm" in power[0]
        curse = [text for text in notices if "winning estimates average" in text]
        assert curse
        assert ("overstate the lift" in curse[0]) == (n["first_batch_exaggeration"] > 1.1)


NOTICE_GRID = [
    {},
    {"lift": "0", "looks": "1"},
    {"alpha": "0.001", "looks": "100", "n_per_arm": "5000"},
    {"baseline": "0.5", "lift": "1.0", "n_per_arm": "2000"},  # detected at once: no winner's curse
    {"baseline": "0.01", "lift": "0.05", "n_per_arm": "3000", "looks": "3"},  # badly underpowered
    {"baseline": "0.3", "lift": "0.02", "looks": "7", "alpha": "0.2"},
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("ab-testing", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("ab-testing", seed, params))
