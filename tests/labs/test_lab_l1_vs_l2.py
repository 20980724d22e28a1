"""l1-vs-l2: the lasso yields exact zeros where ridge yields none, and keeps the informative features."""

import pytest

from gauntlet.errors import InputError
from gauntlet.labs.runner import run_lab


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lasso_sets_coefficients_exactly_to_zero_and_ridge_does_not(seed):
    n = run_lab("l1-vs-l2", seed).numbers
    assert n["ridge_exact_zeros"] == 0 and n["ridge_zeros_along_path_max"] == 0
    assert n["ridge_smallest_abs_coef"] > 0
    # a clear majority of the 25 noise features dropped, every informative one kept
    assert n["lasso_exact_zeros"] >= 13
    assert n["lasso_informative_kept"] == n["informative_features"] == 5
    # at the strong end of the path the lasso has zeroed everything
    assert n["lasso_zeros_along_path_max"] == n["features"]
    # sparsity does not cost accuracy here: fewer true features than candidates
    assert n["lasso_test_mse"] < n["ridge_test_mse"] < n["ols_test_mse"]


def test_more_informative_features_than_features_is_refused():
    with pytest.raises(InputError, match="n_informative"):
        run_lab("l1-vs-l2", 0, {"n_features": "5", "n_informative": "6"})
