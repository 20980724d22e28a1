"""l1-vs-l2: the lasso yields exact zeros where ridge yields none, and keeps the informative features."""

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lasso_sets_coefficients_exactly_to_zero_and_ridge_does_not(seed):
    n = run_lab("l1-vs-l2", seed).numbers
    assert n["ridge_exact_zeros"] == 0 and n["ridge_zeros_along_path_max"] == 0
    assert n["ridge_smallest_abs_coef"] > 0
    # at the alpha chosen on validation (one-standard-error rule): most of the 25 noise features are
    # exactly zero and every informative feature is kept
    assert n["lasso_exact_zeros"] >= 15
    assert n["lasso_informative_kept"] == n["informative_features"] == 5
    # at the strong end of the path the lasso has zeroed everything
    assert n["lasso_zeros_along_path_max"] == n["features"]
    # with 5 true features out of 30, sparsity also predicts better
    assert n["lasso_test_mse"] < n["ridge_test_mse"]
    assert n["lasso_selected_then_ols_test_mse"] < n["ols_test_mse"]

def test_more_informative_features_than_features_is_refused():
    with pytest.raises(InputError, match="n_informative"):
        run_lab("l1-vs-l2", 0, {"n_features": "5", "n_informative": "6"})
