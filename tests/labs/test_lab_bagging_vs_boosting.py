"""bagging-vs-boosting: bagging deep trees cuts variance and leaves bias; boosting stumps cuts bias;
more bagged trees never overfit, while boosting deeper trees for long does."""

import pytest

from gauntlet.labs.runner import run_lab


def _check(n):
    assert n["bagging_variance"] < 0.7 * n["deep_tree_variance"]
    assert n["bagging_bias2"] <= n["deep_tree_bias2"] + 0.005
    assert n["boosting_bias2"] < 0.1 * n["stump_bias2"]
    assert n["stump_bias2"] > 3 * n["stump_variance"]  # the stump's error is mostly bias
    assert n["deep_tree_variance"] > 3 * max(n["deep_tree_bias2"], 0.01)  # the deep tree's mostly variance
    assert n["bagging_expected_test_mse"] < n["deep_tree_expected_test_mse"]
    assert n["boosting_expected_test_mse"] < n["stump_expected_test_mse"]
    assert n["bagging_test_mse_30_trees"] <= 1.05 * n["bagging_test_mse_best"]
    assert n["boosting_depth3_test_mse_500_stages"] > 1.3 * n["boosting_depth3_test_mse_best"]
    assert n["boosting_depth3_best_stage"] < n["boosting_stumps_best_stage"]


def test_what_each_ensemble_removes():
    _check(run_lab("bagging-vs-boosting", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_what_each_ensemble_removes_other_seeds(seed):
    _check(run_lab("bagging-vs-boosting", seed).numbers)
