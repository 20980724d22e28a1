"""nested-cv: the CV score that picked k overstates the tuned model's accuracy, nested CV does not (by much);
random k-fold on autocorrelated series overstates the future R^2 more than any time-ordered scheme; the
fast k-NN scoring agrees with the from-scratch classifier; and every sentence agrees with the numbers."""

import re

import numpy as np
import pytest

from gauntlet.labs.models import KNeighborsClassifier, pairwise_distances
from gauntlet.labs.nested_cv import FOLDS, SERIES_ROWS, TIME_KEYS, TIME_METHODS, knn_accuracy_by_k, time_splits
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["non_nested_bias"] > max(0.03, 3 * n["non_nested_bias_se"])
    assert n["non_nested_above_truth_share"] >= 0.8
    assert abs(n["nested_bias"]) < n["non_nested_bias"] / 2
    assert n["non_nested_rmse"] > n["nested_rmse"] or n["non_nested_bias"] > 2 * abs(n["nested_bias"])
    assert n["time_random_bias"] > max(0.05, 2 * n["time_random_bias_se"])
    for method in TIME_METHODS[1:]:
        assert n["time_random_bias"] > n[f"time_{TIME_KEYS[method]}_bias"] + 0.05


@pytest.mark.slow
def test_tuning_bias_and_time_splits():
    _check_lesson(run_lab("nested-cv", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_tuning_bias_and_time_splits_on_every_seed(seed):
    _check_lesson(run_lab("nested-cv", seed).numbers)


def test_fast_knn_scoring_matches_the_classifier():
    rng = np.random.default_rng(3)
    X_train, X_test = rng.standard_normal((80, 4)), rng.standard_normal((40, 4))
    y_train, y_test = rng.integers(0, 2, 80), rng.integers(0, 2, 40)
    ks = np.array([1, 3, 7, 15, 79])
    fast = knn_accuracy_by_k(pairwise_distances(X_test, X_train), y_train, y_test, ks)
    slow = [KNeighborsClassifier(int(k)).fit(X_train, y_train).score(X_test, y_test) for k in ks]
    np.testing.assert_allclose(fast, slow)


def test_time_schemes_never_validate_on_training_rows_and_keep_the_gap():
    for name, splits in time_splits(SERIES_ROWS, 30, 0).items():
        folds = list(splits)
        assert len(folds) == FOLDS
        for train, test in folds:
            assert not np.intersect1d(train, test).size
            if name in ("blocks with a gap", "forward chaining"):
                gaps = np.abs(train[:, None] - test[None, :]).min()
                assert gaps > 30
            if name == "forward chaining":
                assert train.max() < test.min()


def _number(pattern, text):
    return float(re.search(pattern, text).group(1))


def check_notices(result):
    n, p = result.numbers, result.params
    tuning, choice, time_text = result.notices[:3]
    assert _number(r"accuracy by ([-+][\d.]+) on average", tuning) == pytest.approx(n["non_nested_bias"], abs=5.1e-4)
    assert f"over {n['k_candidates']} values" in tuning
    for key, text in (("non_nested", tuning.split("Nested CV")[0]), ("nested", tuning.split("Nested CV")[1])):
        inside = abs(n[f"{key}_bias"]) <= 2 * n[f"{key}_bias_se"]
        assert ("within 2 standard errors" in text) == inside
    pessimistic = n["nested_bias"] < 0 and abs(n["nested_bias"]) > 2 * n["nested_bias_se"]
    assert ("leans pessimistic" in tuning) == pessimistic
    assert _number(r"itself ([-\d.]+) below", choice) == pytest.approx(n["chosen_k_truth_below_best_true"], abs=5.1e-4)
    assert f"noise coefficient {p['autocorrelation']:g}" in time_text
    closer = [m for m in TIME_METHODS[1:] if abs(n[f"time_{TIME_KEYS[m]}_bias"]) < abs(n["time_random_bias"])]
    if closer and n["time_random_bias"] > 0:
        assert f"Closer to the future than random folds: {', '.join(closer)}." in time_text
    else:
        assert "Closer to the future" not in time_text
    forward = n["time_forward_bias"]
    pessimistic_forward = forward < 0 and abs(forward) > 2 * n["time_forward_bias_se"]
    assert any("Forward chaining came out pessimistic" in s for s in result.notices) == pessimistic_forward


NOTICE_GRID = [
    {},
    {"autocorrelation": "0"},  # independent noise: random folds are much less optimistic
    {"gap": "0"},
    {"candidates": "2"},  # two candidates: little to gain from the winner's curse
    {"noise_features": "0", "n_samples": "400"},
    {"series": "3", "datasets": "10"},
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])  # as the other labs; the default: every seed, above
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("nested-cv", seed, params))
