"""precision-recall-costs: the threshold chosen by expected cost beats 0.5 and F1 on the test set, and
sits near cost_fp / (cost_fp + cost_fn) whatever the prevalence; every sentence the lab prints agrees
with its numbers, equal and extreme costs included."""

import re

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["test_cost_per_1000_cost"] < 0.8 * n["test_cost_per_1000_f1"] < 0.8 * n["test_cost_per_1000_default"]
    assert n["test_cost_per_1000_cost"] < 0.5 * n["test_cost_per_1000_flag_nobody"]
    assert n["threshold_cost"] < n["threshold_f1"] < 0.5
    # a calibrated model: theory's threshold costs about what the tuned one does
    assert n["test_cost_per_1000_bayes"] == pytest.approx(n["test_cost_per_1000_cost"], rel=0.1)
    # the trade: more recall, less precision
    assert n["test_recall_cost"] > n["test_recall_f1"] > n["test_recall_default"]
    assert n["test_precision_cost"] < n["test_precision_default"]


def test_cost_threshold_beats_default_and_f1_on_test():
    _check_lesson(run_lab("precision-recall-costs", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_cost_threshold_beats_default_and_f1_on_test_on_every_seed(seed):
    _check_lesson(run_lab("precision-recall-costs", seed).numbers)


def test_the_best_threshold_follows_costs_not_prevalence():
    rare = run_lab("precision-recall-costs", 0, {"prevalence": "0.02"}).numbers
    common = run_lab("precision-recall-costs", 0, {"prevalence": "0.3"}).numbers
    for n in (rare, common):
        assert n["threshold_bayes"] == pytest.approx(5 / 105)
        assert 0.02 < n["threshold_cost"] < 0.12
    equal = run_lab("precision-recall-costs", 0, {"cost_fn": "1", "cost_fp": "1"}).numbers
    assert equal["threshold_bayes"] == 0.5 and 0.35 < equal["threshold_cost"] < 0.65
    assert equal["test_cost_per_1000_cost"] == pytest.approx(equal["test_cost_per_1000_default"], rel=0.05)


def test_extreme_costs_may_choose_to_flag_nobody_or_everyone():
    """Validation may pick 0 (flag everyone) or 1 (flag nobody); the cost figure then marks them off its axis."""
    n = run_lab("precision-recall-costs", 0, {"cost_fn": "1000000", "cost_fp": "0.01"}).numbers
    assert n["test_recall_cost"] == 1.0 and n["test_cost_per_1000_cost"] < 10
    result = run_lab("precision-recall-costs", 0, {"cost_fn": "0.01", "cost_fp": "1000000"})
    labels = result.figures["cost_curve"]().axes[0].get_legend_handles_labels()[1]
    assert any("off the axis" in label for label in labels)


def test_too_few_positives_is_refused_with_what_would_work():
    with pytest.raises(InputError, match=r"gives 2 positive cases.*n_train >= 2000"):
        run_lab("precision-recall-costs", 0, {"prevalence": "0.005", "n_train": "500"})


def check_notices(result):
    n, p = result.numbers, result.params
    costs, theory, trade = result.notices
    saving = n["saving_vs_default_percent"] / 100
    assert not re.search(r"-\d+%", costs)  # never "-0% less"
    if saving > 0.02:
        assert re.search(r"(\d+%|>99%) less than 0.5\.$", costs)
    elif saving >= -0.02:
        assert "within 2% of 0.5" in costs
        assert ("0.5 is the cost-optimal threshold" in costs) == (p["cost_fn"] == p["cost_fp"])
    else:
        assert "more than 0.5: the threshold tuned on validation did not carry over" in costs
    bayes, tuned = n["test_cost_per_1000_bayes"], n["test_cost_per_1000_cost"]
    if "within 10% of the tuned one" in theory:
        assert abs(bayes - tuned) <= 0.1 * tuned
    elif "less than the threshold tuned" in theory:
        assert bayes < 0.9 * tuned
    else:
        assert "more than the threshold tuned" in theory and bayes > 1.1 * tuned
    assert f"precision is {n['test_precision_cost']:.2f} and recall {n['test_recall_cost']:.2f}" in trade


NOTICE_GRID = [
    {},
    {"cost_fn": "1", "cost_fp": "1"},  # equal costs: 0.5 is optimal, no saving to claim
    {"cost_fn": "1", "cost_fp": "1", "prevalence": "0.5"},
    {"cost_fn": "1000000", "cost_fp": "0.01"},  # misses ruinous: flag (nearly) everyone
    {"cost_fn": "0.01", "cost_fp": "1000000"},  # false alarms ruinous: flag (nearly) nobody
    {"prevalence": "0.005", "n_train": "2000"},  # ten positives to train on, ten to tune on
]


@pytest.mark.parametrize("params", NOTICE_GRID[1:3])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("precision-recall-costs", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("precision-recall-costs", seed, params))
