"""l1-vs-l2: the lasso yields exact zeros where ridge yields none, keeps the informative features, and
every sentence the lab prints about its run agrees with that run's numbers."""

import re

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def _check_lesson(n):
    assert n["ridge_exact_zeros"] == 0 and n["ridge_zeros_along_path_max"] == 0
    assert n["ridge_smallest_abs_coef"] > 0
    # at the lasso's one-standard-error penalty most of the 25 noise features are exactly zero and
    # every informative feature is kept
    assert n["lasso_exact_zeros"] >= 15
    assert n["lasso_informative_kept"] == n["informative_features"] == 5
    assert n["lasso_zeros_along_path_max"] == n["features"]  # the strong end of the path zeroes everything
    assert n["lasso_selected_then_ols_test_mse"] < n["ols_test_mse"]
    # ridge, its penalty chosen by the lowest validation MSE, does not lose to least squares (it can tie:
    # when validation picks the weakest penalty on the path, ridge is least squares up to rounding)
    assert n["ridge_test_mse"] <= 1.01 * n["ols_test_mse"]


def test_lasso_zeros_and_ridge_shrinks():
    _check_lesson(run_lab("l1-vs-l2", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_lasso_zeros_and_ridge_shrinks_on_every_seed(seed):
    _check_lesson(run_lab("l1-vs-l2", seed).numbers)


def check_notices(result):
    """Each sentence's claim, checked against the numbers it was computed from."""
    n = result.numbers
    lasso, ridge, ols = n["lasso_test_mse"], n["ridge_test_mse"], n["ols_test_mse"]
    text = result.notices
    assert f"lasso set {n['lasso_exact_zeros']} of {n['features']} coefficients" in text[0]
    assert f"ridge set {n['ridge_exact_zeros']};" in text[0]
    assert f"kept {n['lasso_informative_kept']} of the {n['informative_features']} informative" in text[1]
    assert f"lasso {lasso:.3f}, ridge {ridge:.3f}, unpenalised least squares {ols:.3f}" in text[2]
    versus = text[3]
    if versus.startswith("The lasso predicted better"):
        assert lasso < ridge
        zeroed = re.search(r"it set (\d+) pure-noise features", versus)
        if zeroed:
            noise = n["features"] - n["informative_features"]
            assert int(zeroed.group(1)) == noise - n["lasso_noise_features_kept"] > 0
    else:
        assert versus.startswith("Ridge predicted at least as well") and ridge <= lasso
    against_ols = text[4]
    if against_ols.startswith("Ridge's shrinkage cut"):
        assert ridge < 0.98 * ols
    elif against_ols.startswith("Ridge scored within 2%"):
        assert abs(ridge / ols - 1) <= 0.02
        if "weakest penalty" in against_ols:
            assert n["ridge_alpha"] == pytest.approx(min_ridge_alpha(result))
    else:
        assert against_ols.startswith("Ridge scored") and "worse" in against_ols and ridge > 1.02 * ols
        if "best penalty on the path" in against_ols:
            assert n["ridge_test_mse_best_alpha_on_path"] < ridge
    assert len(text) == 5


def min_ridge_alpha(result):
    return 1e-2 * result.params["n_samples"] / 100


NOTICE_GRID = [
    {},
    {"n_informative": "30"},  # every feature informative: nothing for the lasso to drop
    {"n_features": "4", "n_informative": "1", "rho": "0", "n_alphas": "10"},
    {"n_samples": "20", "n_features": "40", "n_alphas": "10"},  # more features than rows
    {"rho": "0.95", "n_alphas": "10"},
    {"n_samples": "2000", "n_alphas": "10"},  # plenty of data: the penalties barely matter
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("l1-vs-l2", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("l1-vs-l2", seed, params))


def test_sparsity_panel_puts_the_strongest_penalty_at_zero():
    result = run_lab("l1-vs-l2", 0, {"n_alphas": "10"})
    sparsity = result.figures["paths"]().axes[2]
    lasso_line = sparsity.lines[0]
    assert sparsity.get_xlabel().startswith("position on the path (0 = strongest penalty")
    # the strongest lasso penalty zeroes every coefficient, so the curve must start at 0 non-zeros at x = 0
    assert lasso_line.get_xdata()[0] == 0 and lasso_line.get_ydata()[0] == 0
    assert lasso_line.get_ydata()[-1] > 0


def test_more_informative_features_than_features_is_refused():
    with pytest.raises(InputError, match="n_informative"):
        run_lab("l1-vs-l2", 0, {"n_features": "5", "n_informative": "6"})
