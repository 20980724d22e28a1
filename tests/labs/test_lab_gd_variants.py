"""gd-variants: many cheap noisy updates win the first epoch; constant-step SGD stalls on a noise floor
that a decaying step removes; mini-batch gradient noise falls as 1/B."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_update_count_noise_floor_and_decay(seed):
    n = run_lab("gd-variants", seed).numbers
    # one epoch = one update for batch GD, 2000 for SGD
    assert n["sgd_excess_after_epoch_1"] * 3 < n["batch_excess_after_epoch_1"]
    assert n["minibatch_excess_after_epoch_1"] * 3 < n["batch_excess_after_epoch_1"]
    # exact gradients on a convex quadratic with a stable step: the loss never rises
    assert n["batch_epochs_loss_went_up"] == 0 and n["sgd_epochs_loss_went_up"] > 0
    # constant-step SGD hovers well above where batch GD ends; decaying the step lowers the plateau
    assert n["batch_excess_last_quarter_mean"] * 10 < n["sgd_excess_last_quarter_mean"]
    assert n["sgd_decay_excess_last_quarter_mean"] * 3 < n["sgd_excess_last_quarter_mean"]


def test_gradient_noise_falls_as_one_over_batch_size():
    result = run_lab("gd-variants", 0)
    table = result.tables[1]
    for batch_size, measured, theory in table.rows:
        if batch_size < 2000:
            assert measured == pytest.approx(theory, rel=0.25), batch_size
    n = result.numbers
    assert n["grad_noise_ratio_b1_over_minibatch"] == pytest.approx(32 * 1999 / 1968, rel=0.2)
    assert n["grad_noise_full_batch"] < 1e-20  # the full gradient at the optimum is zero


def test_wall_time_is_reported_apart_from_the_reproducible_numbers():
    result = run_lab("gd-variants", 0, {"epochs": "3"})
    assert set(result.timings) >= {"batch_seconds_per_epoch", "sgd_seconds_per_epoch"}
    assert not any("seconds" in key for key in result.numbers)
