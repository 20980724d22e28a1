"""bagging-vs-boosting: bagging deep trees cuts variance and leaves bias; boosting stumps cuts bias
while its variance grows stage by stage; more bagged trees never overfit, while boosting deeper trees
for long does; every sentence the lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.labs.catalog import load_lab
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(result):
    n = result.numbers
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
    # stage by stage: bias² falls by more than 10x and variance at least doubles
    stages = result.tables[1].rows
    assert stages[-1][1] < 0.1 * stages[0][1]
    assert stages[-1][2] > 2 * stages[0][2]


@pytest.mark.slow  # hundreds of trees: seconds
def test_what_each_ensemble_removes():
    result = run_lab("bagging-vs-boosting", 0)
    _check_lesson(result)
    check_notices(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_what_each_ensemble_removes_on_every_seed(seed):
    _check_lesson(run_lab("bagging-vs-boosting", seed))


def check_notices(result):
    n = result.numbers
    bagging, boosting, stages, curves = result.notices
    assert ("did not cut the variance" in bagging) == (n["bagging_variance"] >= n["deep_tree_variance"])
    se = max(n["deep_tree_bias2_standard_error"], n["bagging_bias2_standard_error"])
    if "could not be told from zero" in bagging:
        assert abs(n["deep_tree_bias2"]) <= 2 * n["deep_tree_bias2_standard_error"]
        assert abs(n["bagging_bias2"]) <= 2 * n["bagging_bias2_standard_error"]
    elif "stayed about the same" in bagging:
        assert abs(n["bagging_bias2"] - n["deep_tree_bias2"]) <= 2 * se
    assert ("did not cut the bias²" in boosting) == (n["boosting_bias2"] >= n["stump_bias2"])
    rows = result.tables[1].rows
    variances = [row[2] for row in rows]
    if "rose at every measured stage" in stages:
        assert all(a < b for a, b in zip(variances, variances[1:], strict=False))
    elif "variance rose" in stages:
        assert variances[-1] > variances[0]
    else:
        assert "did not rise" in stages and variances[-1] <= variances[0]
    assert ("below one full stump's" in stages) == (n["boosting_variance"] < n["stump_variance"])
    for key in ("stumps", "depth3"):
        best, final = n[f"boosting_{key}_test_mse_best"], n[f"boosting_{key}_test_mse_500_stages"]
        assert f"best at stage {n[f'boosting_{key}_best_stage']} ({best:.3f}) and {final / best - 1:.0%}" in curves
    # the spec no longer calls variance "the price" of boosting against a single stump
    assert "Variance is the price" not in " ".join(load_lab("bagging-vs-boosting").SPEC.notice)
    assert re.search(r"with 1 tree to [\d.]+ with \d+\.", curves)


NOTICE_GRID = [
    {"rounds": "5", "n_stages": "20", "n_trees": "5"},  # few stages: bias² barely starts to fall
    {"rounds": "5", "noise_sd": "0", "n_trees": "5"},  # no label noise: nothing to overfit
    {"rounds": "5", "noise_sd": "2", "n_train": "30", "n_trees": "5"},  # noise swamps everything
    {"rounds": "5", "n_train": "2000", "n_stages": "50", "n_trees": "5"},
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("bagging-vs-boosting", seed, params))
