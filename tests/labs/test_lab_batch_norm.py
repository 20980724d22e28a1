"""batch-norm: with tiny initial weights or a high learning rate a plain deep net does not train and the
batch-normalised one does; left in training mode the net's predictions depend on its batch (a batch of one
row gives every row the same answer, a batch of one class loses the signal); batches of two ruin batch norm
but not the plain net; and every sentence the lab prints agrees with its numbers."""

import re

import numpy as np
import pytest

from gauntlet.labs.batch_norm import COIN_LOSS, draw
from gauntlet.labs.models import MLPClassifier
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["plain_small_init_final_loss"] > COIN_LOSS - 0.03 and n["plain_small_init_test_accuracy"] < 0.6
    assert n["bn_small_init_final_loss"] < 0.35 and n["bn_small_init_test_accuracy"] > 0.85
    assert n["plain_high_lr_diverged"] or n["plain_high_lr_final_loss"] > COIN_LOSS - 0.05
    assert n["bn_high_lr_final_loss"] < 0.35 and n["bn_high_lr_test_accuracy"] > 0.85
    assert n["baseline_final_loss"] < 0.35
    inference = n["accuracy_inference_mode"]
    assert inference > n["accuracy_training_mode_batches_of_8"] > n["accuracy_training_mode_batches_of_2"]
    assert n["batches_of_one_give_one_class"]
    assert n["accuracy_training_mode_batches_of_64_of_one_class"] < inference - 0.2
    assert n["rows_changing_class_between_batchings_of_8"] > 0.03
    assert n["bn_batch_2_test_accuracy"] < n["plain_batch_2_test_accuracy"] - 0.1


@pytest.mark.slow
def test_what_batch_norm_does():
    _check_lesson(run_lab("batch-norm", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_what_batch_norm_does_on_every_seed(seed):
    _check_lesson(run_lab("batch-norm", seed).numbers)


def test_batch_statistics_touch_only_batch_norm_and_never_the_running_averages():
    X, y = draw(np.random.default_rng(0), 300)
    plain = MLPClassifier((16, 16), n_epochs=3, random_state=0).fit(X, y)
    assert np.array_equal(plain.predict_proba(X[:7], batch_statistics=True), plain.predict_proba(X[:7]))
    normed = MLPClassifier((16, 16), batch_norm=True, n_epochs=3, random_state=0).fit(X, y)
    before = normed.predict_proba(X)
    in_batch = normed.predict_proba(X[:7], batch_statistics=True)
    assert not np.allclose(in_batch, before[:7])  # the batch's own statistics, not the running ones
    np.testing.assert_array_equal(normed.predict_proba(X), before)  # running averages unchanged
    # one row alone: every normalised unit is exactly zero, so any row gives the same output
    np.testing.assert_array_equal(normed.predict_proba(X[[0]], batch_statistics=True),
                                  normed.predict_proba(X[[5]], batch_statistics=True))


def _number(pattern, text):
    return float(re.search(pattern, text).group(1))


def check_notices(result):
    n, p = result.numbers, result.params
    init, high, baseline, modes, tiny = result.notices
    stuck = not n["plain_small_init_diverged"] and n["plain_small_init_final_loss"] > COIN_LOSS - 0.03
    assert ("it learned nothing" in init) == stuck
    assert ("diverged" in high.split(";")[0]) == n["plain_high_lr_diverged"]
    assert f"learning rate {p['high_lr']:g}" in high
    assert ("trains too" in baseline) == (not n["baseline_diverged"] and n["baseline_final_loss"] < COIN_LOSS - 0.2)
    assert _number(r"inference mode: (\d+\.\d+)", modes) == pytest.approx(n["accuracy_inference_mode"], abs=5.1e-4)
    assert ("every row gets the same output" in modes) == n["batches_of_one_give_one_class"]
    small = p["small_batch"]
    tiny_bn, tiny_plain = n[f"bn_batch_{small}_test_accuracy"], n[f"plain_batch_{small}_test_accuracy"]
    assert f"batches of {small}," in tiny
    assert ("failed with tiny batches" in tiny) == (tiny_bn < tiny_plain - 0.1)
    assert ("+1 or -1" in tiny) == (tiny_bn < tiny_plain - 0.1 and small == 2)
    assert ("did not hurt" in tiny) == (tiny_bn >= tiny_plain)


NOTICE_GRID = [
    {},
    {"small_batch": "16", "depth": "3", "epochs": "5"},  # no tiny batches: batch norm is not hurt
    {"init_scale": "0.2", "high_lr": "0.05"},  # a start large enough and a step small enough for the plain net
    {"depth": "16", "epochs": "10"},
    {"small_batch": "4", "high_lr": "1.0"},
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])  # as the other labs; the default: every seed, above
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("batch-norm", seed, params))
