"""bias-variance: bias² falls and variance rises with degree, test error is U-shaped, and the three
parts add up to the measured test error."""

import pytest

from gauntlet.labs.runner import run_lab


def _columns(result):
    table = result.tables[0]
    return {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_underfit_and_overfit_ends_and_a_u_shaped_test_error(seed):
    result = run_lab("bias-variance", seed)
    n, c = result.numbers, _columns(result)
    assert 3 <= n["best_degree"] <= 6
    assert n["bias2_degree_1"] > 10 * n["bias2_best_degree"]  # a line cannot follow the wave
    assert n["bias2_degree_1"] > 3 * n["variance_degree_1"]  # ... and its error is mostly bias
    assert n["variance_degree_10"] > 100 * n["variance_best_degree"]  # degree 10 chases noise
    assert n["variance_degree_10"] > 100 * n["bias2_degree_10"]
    assert n["test_mse_best_degree"] < n["test_mse_degree_1"] and n["test_mse_best_degree"] < n["test_mse_degree_10"]
    train = c["train MSE"]
    assert all(a > b for a, b in zip(train, train[1:], strict=False))  # nested models: training error only falls
    assert n["max_relative_gap_sum_vs_measured"] < 0.05
    assert n["test_mse_best_degree"] > n["noise_variance"]  # nothing beats the noise floor


def test_more_data_lowers_variance_not_bias():
    small = run_lab("bias-variance", 0, {"rounds": "100"}).numbers
    large = run_lab("bias-variance", 0, {"rounds": "100", "n_train": "300"}).numbers
    assert large["variance_degree_10"] < small["variance_degree_10"] / 100
    assert large["bias2_degree_1"] == pytest.approx(small["bias2_degree_1"], rel=0.2)


def test_bootstrap_resampling_shows_the_same_trade_off():
    n = run_lab("bias-variance", 0, {"resample": "bootstrap"}).numbers
    assert n["bias2_degree_1"] > 3 * n["variance_degree_1"]
    assert n["variance_degree_10"] > 100 * n["variance_best_degree"]
    assert 3 <= n["best_degree"] <= 6
