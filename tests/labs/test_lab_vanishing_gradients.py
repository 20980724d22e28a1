"""vanishing-gradients: sigmoid's first-layer gradient is orders of magnitude below ReLU + He's, the
sigmoid net does not train, and clipping rescues a net whose unclipped twin overflows to NaN."""

import pytest

from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_vanishing_exploding_and_clipping(seed):
    n = run_lab("vanishing-gradients", seed).numbers
    assert n["orders_of_magnitude_relu_he_over_sigmoid_first_layer"] > 4
    assert n["sigmoid_xavier_first_over_last_layer"] < 1e-4
    assert n["relu_he_largest_over_smallest_layer"] < 30
    # Xavier under ReLU: no collapse across layers, but every gradient is small
    assert n["first_layer_grad_norm_relu_xavier"] < n["first_layer_grad_norm_relu_he"] / 5
    assert n["first_layer_grad_norm_relu_large_init"] > 100 * n["first_layer_grad_norm_relu_he"]
    # training: the sigmoid net stays at chance, the ReLU + He net fits
    assert n["sigmoid_xavier_final_train_loss"] > 0.9 * n["chance_loss_ln2"]
    assert n["relu_he_final_train_loss"] < 0.05 and n["relu_he_train_accuracy"] > 0.99
    # explosion: NaN without clipping, a working model with it
    assert n["unclipped_diverged"] is True
    assert n["clipped_train_accuracy"] > 0.9 and n["clipped_initial_grad_norm"] > 100


@pytest.mark.slow
def test_deeper_sigmoid_nets_vanish_more():
    shallow = run_lab("vanishing-gradients", 0, {"depth": "4", "epochs": "5"}).numbers
    deep = run_lab("vanishing-gradients", 0, {"depth": "16", "epochs": "5"}).numbers
    assert deep["sigmoid_xavier_first_over_last_layer"] < shallow["sigmoid_xavier_first_over_last_layer"] / 100
