"""precision-recall-costs: the threshold chosen by expected cost beats 0.5 and F1 on the test set, and
sits near cost_fp / (cost_fp + cost_fn) whatever the prevalence."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cost_threshold_beats_default_and_f1_on_test(seed):
    n = run_lab("precision-recall-costs", seed).numbers
    assert n["test_cost_per_1000_cost"] < 0.8 * n["test_cost_per_1000_f1"] < 0.8 * n["test_cost_per_1000_default"]
    assert n["test_cost_per_1000_cost"] < 0.5 * n["test_cost_per_1000_flag_nobody"]
    assert n["threshold_cost"] < n["threshold_f1"] < 0.5
    # a calibrated model: theory's threshold costs about what the tuned one does
    assert n["test_cost_per_1000_bayes"] == pytest.approx(n["test_cost_per_1000_cost"], rel=0.1)
    # the trade: more recall, less precision
    assert n["test_recall_cost"] > n["test_recall_f1"] > n["test_recall_default"]
    assert n["test_precision_cost"] < n["test_precision_default"]


def test_the_best_threshold_follows_costs_not_prevalence():
    rare = run_lab("precision-recall-costs", 0, {"prevalence": "0.02"}).numbers
    common = run_lab("precision-recall-costs", 0, {"prevalence": "0.3"}).numbers
    for n in (rare, common):
        assert n["threshold_bayes"] == pytest.approx(5 / 105)
        assert 0.02 < n["threshold_cost"] < 0.12
    equal = run_lab("precision-recall-costs", 0, {"cost_fn": "1", "cost_fp": "1"}).numbers
    assert equal["threshold_bayes"] == 0.5 and 0.35 < equal["threshold_cost"] < 0.65
    assert equal["test_cost_per_1000_cost"] == pytest.approx(equal["test_cost_per_1000_default"], rel=0.05)
