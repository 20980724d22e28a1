"""pca: six real directions show as six large eigenvalues over a noise floor; training reconstruction
error equals the dropped eigenvalues; projecting denoises; unscaled features let dollars win PC1; and
when the top two eigenvalues are nearly equal the lab says why PC1 moves between samples."""

import re

import pytest

from gauntlet.labs.pca import NEAR_EQUAL
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(result):
    n = result.numbers
    assert n["eigenvalue_6"] > 3 * n["eigenvalue_7"]  # the elbow after the six patterns
    assert n["median_tail_eigenvalue"] == pytest.approx(n["pixel_noise_variance"], rel=0.3)
    assert n["components_for_95_percent"] > 20  # a round 95% keeps mostly noise directions
    assert n["max_gap_train_error_vs_discarded_eigenvalues"] < 1e-10
    test_errors = [row[-1] for row in result.tables[0].rows]
    assert all(a >= b for a, b in zip(test_errors, test_errors[1:], strict=False))  # nested subspaces: never worse
    assert n["test_error_k1"] - n["test_error_k6"] > 5 * n["test_error_drop_k6_to_k20"]
    assert n["k6_reconstruction_error_vs_clean"] < 0.3 * n["noisy_image_error_vs_clean"]
    assert n["unscaled_pc1_income_loading"] > 0.999 and n["unscaled_pc1_ratio"] > 0.99
    assert n["standardised_pc1_ratio"] < 0.5 and n["standardised_pc1_largest_loading"] < 0.8
    # the standardised people data have two correlated pairs of about equal strength (0.69 and 0.62 in
    # the simulator), so their top two eigenvalues are nearly equal on every sample
    assert 1 <= n["standardised_eigenvalue_1_over_2"] < NEAR_EQUAL
    assert "read the PC1-PC2 plane, not PC1 alone" in result.notices[-1]


def test_elbow_identity_denoising_scaling_and_unstable_pc1():
    result = run_lab("pca", 0)
    _check_lesson(result)
    check_stability_notice(result)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_elbow_identity_denoising_scaling_and_unstable_pc1_on_every_seed(seed):
    result = run_lab("pca", seed)
    _check_lesson(result)
    check_stability_notice(result)


def check_stability_notice(result):
    n, text = result.numbers, result.notices[-1]
    near = n["standardised_eigenvalue_1_over_2"] < NEAR_EQUAL
    assert ("sampling noise decides" in text) == near
    assert f"|cos| = {n['standardised_pc1_split_half_abs_cosine']:.2f}" in text
    stable = n["image_eigenvalue_1_over_2"] >= NEAR_EQUAL and n["image_pc1_split_half_abs_cosine"] > 0.9
    assert ("their PC1 is stable" in text) == stable
    ratios = [float(r) for r in re.findall(r"ratio ([\d.]+)", text)]
    assert ratios == [round(n["standardised_eigenvalue_1_over_2"], 2), round(n["image_eigenvalue_1_over_2"], 2)]


def test_without_noise_six_components_explain_everything():
    n = run_lab("pca", 0, {"noise_sd": "0"}).numbers
    assert n["top6_cumulative_ratio"] == pytest.approx(1.0, abs=1e-9)
    assert n["components_for_99_percent"] <= 6
