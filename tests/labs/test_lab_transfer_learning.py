"""transfer-learning: pretrained features win big with few target rows and the edge shrinks with more;
with an unrelated target, frozen features are far worse than scratch and fine-tuning gains nothing."""

import pytest

from gauntlet.labs.runner import run_lab


def _check_related(n):
    assert n["probe_gain_over_scratch_n20"] > 0.04
    assert n["finetune_gain_over_scratch_n20"] > 0.02
    assert n["probe_gain_over_scratch_n1000"] < n["probe_gain_over_scratch_n20"]
    assert n["scratch_accuracy_n1000"] > n["scratch_accuracy_n20"] + 0.1  # scratch catches up with data


def _check_unrelated(n):
    assert n["probe_accuracy_n1000"] < n["scratch_accuracy_n1000"] - 0.05
    assert n["finetune_accuracy_n1000"] < n["scratch_accuracy_n1000"] + 0.005


def test_transfer_helps_most_with_scarce_data():
    _check_related(run_lab("transfer-learning", 0).numbers)


@pytest.mark.slow
def test_unrelated_tasks_transfer_nothing():
    _check_unrelated(run_lab("transfer-learning", 0, {"target_task": "unrelated"}).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_transfer_effects_on_other_seeds(seed):
    _check_related(run_lab("transfer-learning", seed).numbers)
    _check_unrelated(run_lab("transfer-learning", seed, {"target_task": "unrelated"}).numbers)
