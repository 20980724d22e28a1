"""transfer-learning: pretrained features win big with few target rows and the edge shrinks with more;
fine-tuning, started from the probe for a few epochs, never falls below the probe it starts from; with
an unrelated target, frozen features are far worse than scratch and fine-tuning only catches up; the
sentences the lab prints agree with its numbers."""

import re

import pytest

from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_related(n):
    # the gain with 20 rows is large and positive on every seed, for both ways of transferring
    assert n["probe_gain_over_scratch_n20"] > 0.05
    assert n["finetune_gain_over_scratch_n20"] > 0.05
    # fine-tuning starts from the probe: a short run never loses what the probe had
    assert n["finetune_accuracy_n20"] > n["probe_accuracy_n20"] - 0.01
    assert n["finetune_accuracy_n1000"] > n["probe_accuracy_n1000"] - 0.01
    for method in ("probe", "finetune"):
        assert n[f"{method}_gain_over_scratch_n1000"] < n[f"{method}_gain_over_scratch_n20"]
    assert n["scratch_accuracy_n1000"] > n["scratch_accuracy_n20"] + 0.1  # scratch catches up with data


def _check_unrelated(n):
    assert n["probe_accuracy_n1000"] < n["scratch_accuracy_n1000"] - 0.05
    assert abs(n["finetune_accuracy_n1000"] - n["scratch_accuracy_n1000"]) < 0.015


def check_notices(result):
    n = result.numbers
    comparison = result.notices[-1]
    for at, size in ((0, 20), (1, 1000)):
        gap = n[f"finetune_accuracy_n{size}"] - n[f"probe_accuracy_n{size}"]
        said = re.findall(r"(matched|beat|trailed)", comparison)[at]
        assert said == ("matched" if abs(gap) < 0.005 else "beat" if gap > 0 else "trailed")
    shrank = [n[f"{m}_gain_over_scratch_n20"] > n[f"{m}_gain_over_scratch_n1000"] for m in ("probe", "finetune")]
    assert ("both advantages" in comparison) == all(shrank)
    assert ("neither advantage" in comparison) == (not any(shrank))


@pytest.mark.slow  # trains a dozen networks: seconds
def test_transfer_helps_most_with_scarce_data():
    result = run_lab("transfer-learning", 0)
    _check_related(result.numbers)
    check_notices(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_transfer_helps_most_with_scarce_data_on_every_seed(seed):
    result = run_lab("transfer-learning", seed)
    _check_related(result.numbers)
    check_notices(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_unrelated_tasks_transfer_nothing_on_every_seed(seed):
    result = run_lab("transfer-learning", seed, {"target_task": "unrelated"})
    _check_unrelated(result.numbers)
    check_notices(result)
