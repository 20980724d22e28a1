"""vanishing-gradients: sigmoid's first-layer gradient is orders of magnitude below ReLU + He's and the
sigmoid net does not train; batch norm keeps the sigmoid net's gradients flowing and it trains;
clipping rescues a net whose unclipped twin overflows to NaN at the default depth, but not a much
deeper one; every sentence the lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.labs.catalog import load_lab
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["orders_of_magnitude_relu_he_over_sigmoid_first_layer"] > 4
    assert n["sigmoid_xavier_first_over_last_layer"] < 1e-4
    assert n["relu_he_largest_over_smallest_layer"] < 30
    # Xavier under ReLU: no collapse across layers, but every gradient is small
    assert n["first_layer_grad_norm_relu_xavier"] < n["first_layer_grad_norm_relu_he"] / 5
    assert n["first_layer_grad_norm_relu_large_init"] > 100 * n["first_layer_grad_norm_relu_he"]
    # batch norm: the same sigmoid net, its gradient no longer shrinks layer by layer
    assert 0.1 < n["sigmoid_batchnorm_first_over_last_layer"] < 10
    assert 0.75 < n["per_layer_gradient_factor_sigmoid_batchnorm"] < 1.25
    assert n["per_layer_gradient_factor_sigmoid_xavier"] < 0.4
    # training: the sigmoid net stays at chance; with batch norm, and ReLU + He, it fits
    assert n["sigmoid_xavier_final_train_loss"] > 0.9 * n["chance_loss_ln2"]
    assert n["sigmoid_batchnorm_train_accuracy"] > 0.95
    assert n["relu_he_final_train_loss"] < 0.05 and n["relu_he_train_accuracy"] > 0.99
    # explosion: NaN without clipping, a working model with it
    assert n["unclipped_diverged"] is True
    assert n["clipped_train_accuracy"] > 0.95 and n["clipped_initial_grad_norm"] > 100


@pytest.mark.slow  # trains deep networks: seconds
def test_vanishing_batch_norm_exploding_and_clipping():
    result = run_lab("vanishing-gradients", 0)
    _check_lesson(result.numbers)
    check_notices(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_vanishing_batch_norm_exploding_and_clipping_on_every_seed(seed):
    _check_lesson(run_lab("vanishing-gradients", seed).numbers)


@pytest.mark.slow
def test_deeper_sigmoid_nets_vanish_more():
    shallow = run_lab("vanishing-gradients", 0, {"depth": "4", "epochs": "5"}).numbers
    deep = run_lab("vanishing-gradients", 0, {"depth": "16", "epochs": "5"}).numbers
    assert deep["sigmoid_xavier_first_over_last_layer"] < shallow["sigmoid_xavier_first_over_last_layer"] / 100


def check_notices(result):
    n, p = result.numbers, result.params
    init, training, clipping = result.notices
    orders = n["orders_of_magnitude_relu_he_over_sigmoid_first_layer"]
    assert f"{abs(orders):.1f} orders of magnitude {'larger' if orders > 0 else 'smaller'}" in init
    assert f"over the {p['depth']} steps" in init
    chance = n["chance_loss_ln2"]
    for name, key in (("sigmoid", "sigmoid_xavier"), ("sigmoid + batch norm", "sigmoid_batchnorm"),
                      ("ReLU + He", "relu_he")):
        verdict = re.search(rf"the {re.escape(name)} net (.+?) \(loss", training).group(1)
        loss, accuracy = n[f"{key}_final_train_loss"], n[f"{key}_train_accuracy"]
        if verdict == "fits the training set":
            assert accuracy >= 0.95
        elif verdict == "is still at chance level":
            assert accuracy < 0.95 and loss >= 0.95 * chance
        else:
            assert verdict == "has learnt part of the rule" and accuracy < 0.95 and loss < 0.95 * chance
    share = n["clipped_steps_over_limit_percent"]
    if share == 0:
        assert "clipping never acted" in clipping
    elif "then learnt the rule" in clipping:
        assert n["unclipped_diverged"] and n["clipped_train_accuracy"] >= 0.95
    elif "did not learn" in clipping:
        assert n["clipped_train_accuracy"] < 0.95
        assert ("every step stayed over the limit" in clipping) == (share == 100)
    assert ("did not diverge" in clipping) == (not n["unclipped_diverged"])
    # the spec no longer promises that clipping always rescues training
    assert "proceeds normally" not in " ".join(load_lab("vanishing-gradients").SPEC.notice)


NOTICE_GRID = [
    {"depth": "30", "epochs": "5"},  # too deep for clipping to rescue: loss stays huge, every step clipped
    {"depth": "2", "epochs": "5"},  # too shallow to vanish or to explode
    {"width": "8", "epochs": "5"},
    {"clip_norm": "100", "epochs": "5"},
    {"learning_rate": "0.5", "epochs": "5", "depth": "4"},
]


@pytest.mark.slow
def test_clipping_is_not_claimed_to_rescue_a_net_it_cannot():
    result = run_lab("vanishing-gradients", 0, NOTICE_GRID[0])
    n = result.numbers
    assert n["clipped_train_accuracy"] < 0.6 and n["clipped_steps_over_limit_percent"] == 100
    assert "the net did not learn" in result.notices[2]
    check_notices(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("vanishing-gradients", seed, params))
