"""cross-validation: single-split estimates scatter far more than k-fold ones, on the same data and
against the truth across fresh data sets."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kfold_estimates_move_less_and_miss_the_truth_by_less(seed):
    n = run_lab("cross-validation", seed).numbers
    assert n["sd_ratio_single_over_kfold"] > 3
    # the single split's spread is about what a 40-row test set alone implies
    assert n["single_split_sd"] == pytest.approx(n["binomial_sd_of_one_test_set"], rel=0.5)
    assert n["kfold_rmse_vs_truth"] < 0.8 * n["single_split_rmse_vs_truth"]
    # ... yet k-fold's real error is larger than its spread across reshuffles suggests
    assert n["kfold_rmse_vs_truth"] > 1.5 * n["kfold_sd"]
    assert abs(n["kfold_mean_error_vs_truth"]) < 0.03
