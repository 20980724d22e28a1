"""imbalanced-data: the accuracy trap; weights and SMOTE trade precision for recall without changing
the ranking (and inflate probabilities); tuning the plain model's threshold does as well."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_accuracy_trap_and_the_remedies(seed):
    n = run_lab("imbalanced-data", seed).numbers
    assert n["always_negative_accuracy"] > 0.94 and n["always_negative_recall"] == 0
    assert n["plain_recall"] < 0.5
    for remedy in ("weighted", "smote"):
        assert n[f"{remedy}_recall"] > n["plain_recall"] + 0.3
        assert n[f"{remedy}_precision"] < n["plain_precision"]
        assert n[f"{remedy}_accuracy"] < n["plain_accuracy"]  # accuracy punishes the better recall
        assert abs(n[f"{remedy}_average_precision"] - n["plain_average_precision"]) < 0.02
        assert n[f"{remedy}_mean_predicted_probability"] > 3 * n["test_prevalence"]
    assert n["tuned_f1"] > n["plain_f1"]
    assert n["tuned_f1"] > max(n["weighted_f1"], n["smote_f1"]) - 0.02
    assert n["plain_mean_predicted_probability"] == pytest.approx(n["test_prevalence"], rel=0.2)
    assert n["plain_roc_auc"] > 0.85 and n["plain_average_precision"] < 0.6


def test_balanced_classes_leave_nothing_to_fix():
    n = run_lab("imbalanced-data", 0, {"prevalence": "0.5", "n_train": "1000"}).numbers
    assert n["class_weight_for_positives"] == 1
    assert n["weighted_recall"] == pytest.approx(n["plain_recall"], abs=0.02)
