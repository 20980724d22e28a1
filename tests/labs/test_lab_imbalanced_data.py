"""imbalanced-data: the accuracy trap; weights and SMOTE trade precision for recall without changing
the ranking (and inflate probabilities); tuning the plain model's threshold does as well; and every
sentence the lab prints agrees with its numbers, balanced classes included."""

import re

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
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


def test_accuracy_trap_and_the_remedies():
    _check_lesson(run_lab("imbalanced-data", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_accuracy_trap_and_the_remedies_on_every_seed(seed):
    _check_lesson(run_lab("imbalanced-data", seed).numbers)


def test_balanced_classes_leave_nothing_to_fix():
    result = run_lab("imbalanced-data", 0, {"prevalence": "0.5", "n_train": "1000"})
    n = result.numbers
    assert n["class_weight_for_positives"] == 1 and n["smote_training_rows"] == n["training_rows"]
    assert n["weighted_recall"] == n["plain_recall"] and n["smote_precision"] == n["plain_precision"]
    assert "both remedies are the plain model" in result.notices[1]
    assert "too few negatives to flatter" in result.notices[2]
    assert "barely tells" not in result.notices[0]


def test_too_few_positives_to_train_on_is_refused_with_what_would_work():
    with pytest.raises(InputError, match=r"gives 2 positive training rows.*n_train >= 2000"):
        run_lab("imbalanced-data", 0, {"prevalence": "0.005", "n_train": "500"})


def check_notices(result):
    n = result.numbers
    accuracy, remedies, ranking, probabilities = result.notices
    assert ("barely tells" in accuracy) == (n["plain_accuracy"] - n["always_negative_accuracy"] < 0.05)
    synthetic = int(re.search(r"SMOTE at 0.5 \((\d+) synthetic rows\)", remedies).group(1))
    assert synthetic == n["smote_training_rows"] - n["training_rows"]
    balanced = n["class_weight_for_positives"] == 1 and synthetic == 0
    assert ("both remedies are the plain model" in remedies) == balanced
    for name, key in (("Class weights", "weighted"), ("SMOTE", "smote")):
        moved = (n[f"{key}_recall"] > n["plain_recall"] and n[f"{key}_precision"] < n["plain_precision"])
        named = re.search(r"\. ((?:Class weights|SMOTE)(?: and SMOTE)?) raised recall", remedies)
        if named:
            assert (name.lower() in named.group(1).lower()) == moved
        else:
            assert not moved or balanced
    shift = max(abs(n[f"{k}_average_precision"] - n["plain_average_precision"]) for k in ("weighted", "smote"))
    assert ranking.startswith("The ranking barely moved" if shift < 0.02 else "The ranking changed")
    flattering = n["plain_roc_auc"] - n["plain_average_precision"] > 0.1
    assert ("well above the average precision" in ranking) == flattering
    for key in ("weighted", "smote"):
        ratio = n[f"{key}_mean_predicted_probability"] / n["test_prevalence"]
        assert f"({ratio:.1f} times the true rate)" in probabilities


NOTICE_GRID = [
    {},
    {"prevalence": "0.5", "n_train": "1000"},  # balanced: nothing to fix, nothing flattered
    {"prevalence": "0.2"},
    {"prevalence": "0.005", "n_train": "2000"},  # ten positives: the smallest training set allowed
    {"prevalence": "0.45", "n_train": "500"},
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("imbalanced-data", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("imbalanced-data", seed, params))
