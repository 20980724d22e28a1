"""calibration: class weights and undersampling inflate probabilities but not the ranking; the prior
correction, Platt and isotonic each repair them; Platt wins with few calibration rows, isotonic with
many when heavy tails bend the map, and never when the map is exactly a sigmoid (Gaussian features);
every sentence the lab prints agrees with its numbers."""

import re

import pytest

from gauntlet.labs.calibration import SWEEP_SIZES
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_shared_lesson(n):
    rate = n["test_prevalence"]
    assert n["plain_raw_mean_p"] == pytest.approx(rate, rel=0.1)
    for model in ("weighted", "undersampled"):
        assert n[f"{model}_raw_mean_p"] > 1.5 * rate
        assert n[f"{model}_raw_ece"] > 5 * n["plain_raw_ece"]
        assert abs(n[f"{model}_raw_roc_auc"] - n["plain_raw_roc_auc"]) < 0.005  # the ranking is the same
        for method in ("prior", "platt", "isotonic"):
            assert n[f"{model}_{method}_ece"] < 0.2 * n[f"{model}_raw_ece"]
        # monotone maps: Platt keeps the ranking exactly, isotonic up to the ties it makes
        assert n[f"{model}_platt_roc_auc"] == n[f"{model}_raw_roc_auc"]
        assert n[f"{model}_isotonic_roc_auc"] == pytest.approx(n[f"{model}_raw_roc_auc"], abs=0.005)
    assert n["sweep_50_platt_brier"] < n["sweep_50_isotonic_brier"]  # isotonic overfits 50 rows


def check_heavy_tailed_lesson(n):
    _check_shared_lesson(n)
    for size in (2000, 5000, 10_000, 20_000):
        assert n[f"sweep_{size}_isotonic_brier"] < n[f"sweep_{size}_platt_brier"] - 2e-4
        assert n[f"sweep_{size}_isotonic_ece"] < 0.7 * n[f"sweep_{size}_platt_ece"]
    assert n["plain_raw_ece"] > 0.008  # right on average, off bin by bin


def check_gaussian_lesson(n):
    _check_shared_lesson(n)
    for size in SWEEP_SIZES:  # the map is exactly a sigmoid: isotonic never wins by more than rounding
        assert n[f"sweep_{size}_platt_brier"] < n[f"sweep_{size}_isotonic_brier"] + 1e-5
    assert n["plain_raw_ece"] < 0.008


@pytest.mark.slow
def test_heavy_tails_platt_with_few_rows_isotonic_with_many():
    check_heavy_tailed_lesson(run_lab("calibration", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_heavy_tails_on_every_seed(seed):
    check_heavy_tailed_lesson(run_lab("calibration", seed).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_gaussian_features_leave_isotonic_nothing_to_fix_on_every_seed(seed):
    check_gaussian_lesson(run_lab("calibration", seed, {"features": "gaussian"}).numbers)


@pytest.mark.slow  # runs the lab again
def test_balanced_classes_have_nothing_to_distort():
    result = run_lab("calibration", 0, {"prevalence": "0.5", "n_train": "1000", "n_calibration": "500"})
    n = result.numbers
    assert n["class_weight"] == 1 and n["negatives_kept_share"] == 1.0
    assert n["weighted_raw_brier"] == n["plain_raw_brier"] == n["undersampled_raw_brier"]
    assert any("both 'remedies' are the plain model" in text for text in result.notices)
    assert not any("inflation factor" in text for text in result.notices)


def _number(pattern, text):
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text!r}"
    return found.group(1)


def check_notices(result):
    n, notices = result.numbers, result.notices
    plain = notices[0]
    assert _number(r"its ECE is (\d+\.\d+)", plain) == f"{n['plain_raw_ece']:.3f}"
    for method, name in (("platt", "Platt"), ("isotonic", "isotonic")):
        before, after = n["plain_raw_ece"], n[f"plain_{method}_ece"]
        verb = "lowers" if after < 0.8 * before else "raises" if after > 1.2 * before else "leaves"
        assert re.search(rf"{name} {verb} it", plain), (method, plain)
    balanced = n["class_weight"] == 1 and n["negatives_kept_share"] == 1.0
    assert ("both 'remedies' are the plain model" in notices[1]) == balanced
    if not balanced:
        distortion, prior = notices[1], notices[2]
        ratio = n["weighted_raw_mean_p"] / n["test_prevalence"]
        assert f"{ratio:.1f} times the true rate" in distortion
        aucs = [n[f"{m}_raw_roc_auc"] for m in ("plain", "weighted", "undersampled")]
        assert ("ROC AUC barely moves" in distortion) == (max(aucs) - min(aucs) < 0.01)
        assert f"weighted {n['weighted_prior_ece']:.3f}" in prior
    recalibrated = next(text for text in notices if text.startswith("Recalibrating the weighted model"))
    iso_wins = (n["weighted_isotonic_brier"] < n["weighted_platt_brier"]
                and n["weighted_isotonic_ece"] < n["weighted_platt_ece"])
    platt_wins = (n["weighted_platt_brier"] <= n["weighted_isotonic_brier"]
                  and n["weighted_platt_ece"] <= n["weighted_isotonic_ece"])
    assert ("Isotonic is better on both" in recalibrated) == iso_wins
    assert ("Platt is as good or better on both" in recalibrated) == platt_wins
    assert ("Neither is better" in recalibrated) == (not iso_wins and not platt_wins)
    if "stays behind even when fitted on all" in recalibrated:
        assert iso_wins and result.params["features"] == "heavy-tailed"
        assert n["sweep_20000_isotonic_brier"] < n["sweep_20000_platt_brier"]
    if "exactly a sigmoid" in recalibrated:
        assert platt_wins and result.params["features"] == "gaussian"
    sweep = next(text for text in notices if text.startswith("With 50 calibration rows"))
    ahead = [s for s in SWEEP_SIZES if n[f"sweep_{s}_isotonic_brier"] < n[f"sweep_{s}_platt_brier"]]
    tail = [s for i, s in enumerate(SWEEP_SIZES) if set(SWEEP_SIZES[i:]) <= set(ahead)]
    if not tail:
        assert "does not stay ahead" in sweep
    elif tail[0] == SWEEP_SIZES[0]:
        assert "ahead at every size" in sweep
    else:
        assert f"isotonic is ahead from {tail[0]:,} rows on" in sweep
    assert ("(isotonic overfits small sets)" in sweep) == (n["sweep_50_isotonic_brier"] > n["sweep_50_platt_brier"])
    extreme = [text for text in notices if text.startswith("Isotonic gave")]
    assert bool(extreme) == (n["weighted_isotonic_extreme_rows"] > 0)
    if extreme and n["weighted_isotonic_extreme_wrong"]:
        assert f"{n['weighted_isotonic_extreme_wrong']:,} of them wrong" in extreme[0]


NOTICE_GRID = [
    {},
    {"features": "gaussian", "n_calibration": "1000"},
    {"prevalence": "0.5", "n_train": "1000", "n_calibration": "500"},  # balanced: nothing to distort
    {"prevalence": "0.02", "n_train": "1000", "n_calibration": "200"},  # 20 positives: the fewest allowed
    {"prevalence": "0.3", "features": "gaussian", "n_calibration": "20000"},
    {"prevalence": "0.05", "n_train": "20000", "n_calibration": "300"},
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("calibration", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("calibration", seed, params))
