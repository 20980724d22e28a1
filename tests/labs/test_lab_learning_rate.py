"""learning-rate: above 2/lambda_max gradient descent diverges; far below it crawls; the best step
converges; and every sentence the lab prints agrees with the numbers of its run."""

import re

import numpy as np
import pytest

from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["lr_diverge"] > n["lr_limit_2_over_lambda_max"] > n["lr_converge"] > n["lr_crawl"]
    assert n["diverge_final_excess_fraction"] > 1e3  # grew geometrically
    assert 0.05 < n["crawl_final_excess_fraction"] < 0.9  # still falling, far from done
    assert n["converge_final_excess_fraction"] < 1e-6
    # the sweep finds its best rate below the limit and nothing above the limit ends below its start
    assert n["sweep_best_lr_over_limit"] < 1.0
    assert n["sweep_largest_converging_lr_over_limit"] < 1.0


def test_diverge_crawl_converge():
    _check_lesson(run_lab("learning-rate", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_diverge_crawl_converge_on_every_seed(seed):
    _check_lesson(run_lab("learning-rate", seed).numbers)


def test_a_better_conditioned_problem_converges_faster():
    stretched = run_lab("learning-rate", 0, {"rho": "0.95"}).numbers
    round_bowl = run_lab("learning-rate", 0, {"rho": "0.0"}).numbers
    assert stretched["condition_number"] > 10 * round_bowl["condition_number"]
    assert round_bowl["converge_final_excess_fraction"] < stretched["converge_final_excess_fraction"]


def _number(pattern, text):
    return float(re.search(pattern, text).group(1))


def check_notices(result):
    n, p = result.numbers, result.params
    rates, kappa_text, sweep_text = result.notices
    grown = float(n["diverge_final_excess_fraction"])  # "inf" in the JSON-safe numbers
    if not np.isfinite(grown):
        assert "overflowed to infinity" in rates
    elif grown > 1:
        assert "the excess loss grew to" in rates
    else:
        assert "was still" in rates and "had not yet outweighed" in rates
    left = n["crawl_final_excess_fraction"]
    assert ("still holds" in rates) == (left > 1e-3)
    kappa = n["condition_number"]
    assert ("nearly round" in kappa_text) == (kappa < 3)
    factor = _number(r"= ([\d.e-]+) each step", kappa_text)
    assert factor == pytest.approx((kappa - 1) / (kappa + 1), rel=0.05, abs=0.005)
    steps = int(_number(r"millionfold within (\d+) step", kappa_text))
    assert ((kappa - 1) / (kappa + 1)) ** steps <= 1e-6 * 1.0001
    assert _number(r"ended below its starting loss was ([\d.]+)x", sweep_text) == pytest.approx(
        n["sweep_largest_converging_lr_over_limit"], abs=0.006)
    past = float(n["sweep_first_past_limit_final_excess_fraction"])
    assert n["sweep_first_lr_past_limit_over_limit"] > 1
    if np.isfinite(past) and past <= 1:
        assert "had not yet outweighed" in sweep_text
    else:
        assert "times its start" in sweep_text or "overflowed" in sweep_text
    assert "steps" in rates and str(p["steps"]) in rates


NOTICE_GRID = [
    {},
    {"rho": "0"},  # a nearly round bowl: the condition-number sentence must not call it stretched
    {"rho": "0", "crawl": "0.5"},  # the "small" step is not small here: it finishes
    {"diverge": "1.01", "steps": "5"},  # just past the limit, few steps: the loss has not grown yet
    {"rho": "0.99", "steps": "1000"},
    {"diverge": "3", "steps": "1000"},  # overflow
]


@pytest.mark.parametrize("params", NOTICE_GRID[1:3])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("learning-rate", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("learning-rate", seed, params))
