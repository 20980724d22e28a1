"""gd-variants: many cheap noisy updates win the first epoch; constant-step SGD stalls on a noise floor
that a decaying step removes; mini-batch gradient noise falls as 1/B; SGD is the plain per-row loop,
and the sentences the lab prints agree with its numbers."""

import re

import pytest

from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(result):
    n = result.numbers
    # one epoch = one update for batch GD, 2000 for SGD
    assert n["sgd_excess_after_epoch_1"] * 3 < n["batch_excess_after_epoch_1"]
    assert n["minibatch_excess_after_epoch_1"] * 3 < n["batch_excess_after_epoch_1"]
    # exact gradients on a convex quadratic with a stable step: the loss never rises
    assert n["batch_epochs_loss_went_up"] == 0 and n["sgd_epochs_loss_went_up"] > 0
    # constant-step SGD hovers well above where batch GD ends; decaying the step lowers the plateau
    assert n["batch_excess_last_quarter_mean"] * 10 < n["sgd_excess_last_quarter_mean"]
    assert n["sgd_decay_excess_last_quarter_mean"] * 3 < n["sgd_excess_last_quarter_mean"]
    # the noise falls as 1/B: each measured point is a mean over 200 random batches, so within 30%
    for batch_size, measured, theory in result.tables[1].rows:
        if batch_size < 2000:
            assert measured == pytest.approx(theory, rel=0.3), batch_size
    assert n["grad_noise_ratio_b1_over_minibatch"] == pytest.approx(32 * 1999 / 1968, rel=0.25)
    assert n["grad_noise_full_batch"] < 1e-20  # the full gradient at the optimum is zero


@pytest.mark.slow
def test_update_count_noise_floor_decay_and_gradient_noise():
    _check_lesson(run_lab("gd-variants", 0))


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_update_count_noise_floor_decay_and_gradient_noise_on_every_seed(seed):
    _check_lesson(run_lab("gd-variants", seed))


def test_sequential_sgd_is_slower_per_epoch_than_mini_batches():
    """The plain per-row loop: no trick makes SGD's n sequential updates as cheap as n/B matrix products."""
    timings = run_lab("gd-variants", 0, {"epochs": "3"}).timings
    assert timings["sgd_seconds_per_epoch"] > 3 * timings["minibatch_seconds_per_epoch"]
    assert timings["sgd_seconds_per_epoch"] > 3 * timings["batch_seconds_per_epoch"]


@pytest.mark.slow
def test_wall_time_is_reported_apart_from_the_reproducible_numbers():
    result = run_lab("gd-variants", 0, {"epochs": "3"})
    assert set(result.timings) >= {"batch_seconds_per_epoch", "sgd_seconds_per_epoch"}
    assert not any("seconds" in key for key in result.numbers)
    assert not any(re.search(r"\d\s*ms\b|seconds per", text) for text in result.notices)


@pytest.mark.slow
def test_noise_figure_leaves_out_the_rounding_error_at_full_batch():
    result = run_lab("gd-variants", 0, {"epochs": "2"})
    ax = result.figures["gradient_noise"]().axes[0]
    low, high = ax.get_ylim()
    assert low > 1e-3 and high < 1e3  # the axis spans the real noise, not 1e-32 rounding error
    assert all(max(line.get_xdata()) < 2000 for line in ax.lines)


def check_notices(result):
    n, p = result.numbers, result.params
    first, plateau, noise, updates = result.notices
    leader = min(("sgd", "minibatch", "batch"), key=lambda k: n[f"{k}_excess_after_epoch_1"])
    assert first.endswith({"sgd": "SGD", "minibatch": "mini-batch", "batch": "batch GD"}[leader] + " is lowest.")
    if n["sgd_epochs_loss_went_up"]:
        assert "constant-step SGD hovers" in plateau
    else:
        assert "has not reached its noise floor yet" in plateau
    lower = n["sgd_decay_excess_last_quarter_mean"] < n["sgd_excess_last_quarter_mean"]
    assert plateau.endswith(", lower than with a constant step." if lower else "no lower than with a constant step.")
    assert ("zero up to rounding" in noise) == (n["grad_noise_full_batch"] < 1e-12 * n["grad_noise_b1"])
    stated = float(re.search(r"within (\d+)% of the theory", noise).group(1)) / 100
    rows = [r for r in result.tables[1].rows if r[0] < p["n_samples"]]
    assert max(abs(m / t - 1) for _, m, t in rows) == pytest.approx(stated, abs=0.006)
    assert f"SGD made {p['n_samples']} sequential updates" in updates


NOTICE_GRID = [
    {"epochs": "4"},
    {"lr": "0.0001", "epochs": "3"},  # a tiny step: SGD is still falling, not yet at its floor
    {"lr": "0.05", "epochs": "5", "batch_size": "1024"},
    {"n_samples": "200", "batch_size": "512", "epochs": "5"},  # a batch larger than the data
]


def test_notices_agree_with_the_numbers():
    check_notices(run_lab("gd-variants", 0, NOTICE_GRID[1]))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("gd-variants", seed, params))
