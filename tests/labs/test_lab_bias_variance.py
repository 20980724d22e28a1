"""bias-variance: bias² falls and variance rises with degree, test error is U-shaped, the three parts
add up to the measured test error, bias² is measured well enough to trust (its standard error is
reported), and the sentences the lab prints agree with its numbers."""

import re

import numpy as np
import pytest

from gauntlet.labs.bias_variance import bias_variance_parts
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _columns(result):
    table = result.tables[0]
    return {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}


def _check_lesson(result):
    n, c = result.numbers, _columns(result)
    assert 3 <= n["best_degree"] <= 6
    assert n["bias2_degree_1"] > 10 * n["bias2_best_degree"]  # a line cannot follow the wave
    assert n["bias2_degree_1"] > 3 * n["variance_degree_1"]  # ... and its error is mostly bias
    assert n["variance_degree_10"] > 100 * n["variance_best_degree"]  # degree 10 chases noise
    # bias² measured from noise-free fits is stable: it only falls far below a line's, never above
    # (the naive estimate put degree 9-10 between 0.39 and 2.08, above a line's 0.23)
    bias2, se = c["bias²"], c["bias² standard error"]
    assert max(bias2[5:]) < 1e-3 * n["bias2_degree_1"]
    assert all(b < n["bias2_degree_1"] for b in bias2[1:])
    assert n["bias2_largest_standard_error"] < 0.01 and max(se[5:]) < 1e-4
    assert all(b > -2 * e for b, e in zip(bias2, se, strict=True))  # unbiased: negative only within its noise
    assert n["test_mse_best_degree"] < n["test_mse_degree_1"] and n["test_mse_best_degree"] < n["test_mse_degree_10"]
    train = c["train MSE"]
    assert all(a > b for a, b in zip(train, train[1:], strict=False))  # nested models: training error only falls
    assert n["max_relative_gap_sum_vs_measured"] < 0.05
    assert n["test_mse_best_degree"] > n["noise_variance"]  # nothing beats the noise floor


@pytest.mark.slow
def test_underfit_and_overfit_ends_and_a_u_shaped_test_error():
    _check_lesson(run_lab("bias-variance", 0))


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_underfit_and_overfit_ends_and_a_u_shaped_test_error_on_every_seed(seed):
    _check_lesson(run_lab("bias-variance", seed))


@pytest.mark.slow
def test_more_data_lowers_variance_not_bias():
    small = run_lab("bias-variance", 0, {"rounds": "100"}).numbers
    large = run_lab("bias-variance", 0, {"rounds": "100", "n_train": "300"}).numbers
    assert large["variance_degree_10"] < small["variance_degree_10"] / 100
    assert large["bias2_degree_1"] == pytest.approx(small["bias2_degree_1"], rel=0.2)


@pytest.mark.slow
def test_bootstrap_resampling_shows_the_same_trade_off():
    n = run_lab("bias-variance", 0, {"resample": "bootstrap"}).numbers
    assert n["bias2_degree_1"] > 3 * n["variance_degree_1"]
    assert n["variance_degree_10"] > 100 * n["variance_best_degree"]
    assert 3 <= n["best_degree"] <= 6


def test_bias2_estimate_subtracts_the_noise_of_the_mean_and_reports_its_error():
    rng = np.random.default_rng(0)
    truth = np.zeros(50)
    unbiased = rng.normal(0.0, 3.0, (400, 50))  # an unbiased model with variance 9
    parts = bias_variance_parts(unbiased, truth)
    assert parts.variance == pytest.approx(9.0, rel=0.05)
    # the naive squared mean would be ~9/400 = 0.0225; the estimate is ~0 within its standard error
    assert abs(parts.bias2) < 3 * parts.bias2_se and parts.bias2_se < 0.01
    shifted = bias_variance_parts(unbiased + 0.5, truth)
    assert shifted.bias2 == pytest.approx(0.25, abs=3 * shifted.bias2_se)


def check_notices(result):
    n, p, c = result.numbers, result.params, _columns(result)
    top = p["max_degree"]
    ends, best, train, identity, noise = result.notices
    b1, v1 = n["bias2_degree_1"], n["variance_degree_1"]
    assert ends.startswith("Degree 1 underfits" if b1 > v1 else "Degree 1 has bias²")
    bt, vt = n[f"bias2_degree_{top}"], n[f"variance_degree_{top}"]
    assert (f"Degree {top} overfits" in ends) == (vt > bt)
    assert f"at degree {n['best_degree']}" in best
    test_mse = c["measured test MSE"]
    assert ("turns back up" in train) == (n["best_degree"] < top)
    assert ("below the noise variance" in train) == (n[f"train_mse_degree_{top}"] < n["noise_variance"])
    stated = float(re.search(r"within ([\d.]+)%", identity).group(1)) / 100
    assert stated == pytest.approx(max(n["max_relative_gap_sum_vs_measured"], 0.001), abs=0.0006)
    unresolved = [d for d, b, e in zip(c["degree"], c["bias²"], c["bias² standard error"], strict=True) if b < 2 * e]
    if unresolved:
        listed = re.search(r"at degree ([\d, and]+) the estimate", noise).group(1)
        assert [int(d) for d in re.findall(r"\d+", listed)] == unresolved
    else:
        assert "within two standard errors" not in noise
    assert len(test_mse) == top


NOTICE_GRID = [
    {"rounds": "40"},
    {"noise_sd": "0", "rounds": "40"},  # no label noise: variance comes only from where the points fall
    {"max_degree": "3", "rounds": "40"},  # the U never turns: the best degree is the highest
    {"noise_sd": "2", "n_train": "15", "rounds": "40", "max_degree": "5"},  # noise dominates a line too
    {"resample": "bootstrap", "rounds": "40"},
    {"n_train": "1000", "rounds": "20", "max_degree": "6"},
]


def test_notices_agree_with_the_numbers():
    check_notices(run_lab("bias-variance", 0, NOTICE_GRID[1]))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("bias-variance", seed, params))
