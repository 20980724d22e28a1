"""deep-net-overfitting: the unregularised net memorises (train accuracy 1, rising validation loss);
early stopping, L2 and dropout each cut the test log loss by more than half and raise test accuracy."""

import pytest

from gauntlet.labs.runner import run_lab

FIXES = ("early_stopping", "l2", "dropout")


def _check(n):
    assert n["baseline_train_accuracy"] == 1.0
    assert n["baseline_val_loss_final"] > 2 * n["baseline_val_loss_best"]
    assert n["early_stopping_epochs_run"] < 150
    for fix in FIXES:
        assert n[f"{fix}_test_log_loss"] < 0.5 * n["baseline_test_log_loss"], fix
        assert n[f"{fix}_test_accuracy"] > n["baseline_test_accuracy"], fix
        assert n[f"{fix}_accuracy_gap"] < n["baseline_accuracy_gap"], fix
    assert n["l2_test_accuracy"] > n["baseline_test_accuracy"] + 0.02


def test_memorisation_and_its_three_fixes():
    _check(run_lab("deep-net-overfitting", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_memorisation_and_its_three_fixes_other_seeds(seed):
    _check(run_lab("deep-net-overfitting", seed).numbers)


@pytest.mark.slow
def test_without_label_or_feature_noise_there_is_little_to_fix():
    n = run_lab("deep-net-overfitting", 0, {"label_noise": "0", "noise_features": "0", "epochs": "100"}).numbers
    assert n["baseline_test_accuracy"] > 0.9 and n["baseline_accuracy_gap"] < 0.1
