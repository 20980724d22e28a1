"""double-descent: minimum-norm test error peaks exactly at p = n, where the feature matrix is nearly
singular and the coefficients huge, and falls again past it (here below the best small model); every
fit past n interpolates the training rows; tuned ridge has at most a small bump; every sentence the
lab prints agrees with its numbers."""

import re

import numpy as np
import pytest

from gauntlet.labs.double_descent import DRAWS
from gauntlet.labs.models import RandomReLUFeatures
from gauntlet.labs.runner import run_lab

SEEDS = range(10)


def check_lesson(n):
    assert n["peak_features"] == 100  # the interpolation threshold, n_train = 100
    assert n["peak_test_mse"] > 10 * n["best_under_test_mse"]
    assert n["test_mse_largest_model"] < n["test_mse_at_n"] / 10  # the second descent
    assert n["best_over_test_mse"] < n["best_under_test_mse"]  # at this noise, bigger wins
    assert n["norm_at_n"] > 5 * max(n["norm_half_n"], n["norm_largest_model"])
    assert n["smallest_singular_at_n"] < 0.1 * min(n["smallest_singular_half_n"], n["smallest_singular_largest_model"])
    assert n["exact_fits_above_n"] == n["fits_above_n"] and n["exact_fits_match_full_rank"]
    assert n["ridge_at_n"] < n["test_mse_at_n"] / 10
    assert n["ridge_at_n"] < 1.25 * n["ridge_best_under"]  # at most a small bump


@pytest.mark.slow
def test_peak_at_the_interpolation_threshold_and_a_second_descent():
    check_lesson(run_lab("double-descent", 0).numbers)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_peak_at_the_interpolation_threshold_on_every_seed(seed):
    check_lesson(run_lab("double-descent", seed).numbers)


def test_random_features_are_scaled_relus():
    X = np.random.default_rng(0).standard_normal((7, 3))
    layer = RandomReLUFeatures(50, random_state=1).fit(X)
    F = layer.transform(X)
    assert F.shape == (7, 50) and (F >= 0).all()
    np.testing.assert_allclose(F * np.sqrt(50), np.maximum(X @ layer.weights_ + layer.bias_, 0))
    again = RandomReLUFeatures(50, random_state=1).fit(X + 100)  # the draw depends on the seed, not the data
    np.testing.assert_array_equal(again.weights_, layer.weights_)


def _quoted(text):
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?(?:e[-+]\d+)?", text)]


def _mentions(text, value):
    return any(abs(q - value) <= max(6e-4, 6e-3 * abs(value)) for q in _quoted(text))


def check_notices(result):
    n, notices = result.numbers, result.notices
    n_train = result.params["n_train"]
    shape = notices[0]
    assert ("peaks at" in shape) and _mentions(shape, n["peak_test_mse"])
    assert (f"at p = n = {n_train} (the interpolation threshold" in shape) == (n["peak_features"] == n_train)
    assert ("a second descent" in shape) == (n["test_mse_largest_model"] < n["test_mse_at_n"]
                                             and n["peak_features"] >= n_train)
    fits = notices[1]
    assert f"{n['exact_fits_above_n']} of {n['fits_above_n']} fits" in fits
    assert fits.startswith("Past p = n the model passes") == (n["exact_fits_above_n"] == n["fits_above_n"])
    assert f"{n['exact_fits_at_n']} of {DRAWS} draws fit exactly" in fits
    conditioning = notices[2]
    for key in ("smallest_singular_half_n", "smallest_singular_at_n", "norm_at_n"):
        assert _mentions(conditioning, n[key]), key
    assert ("huge coefficients" in conditioning) == (n["norm_at_n"] > max(n["norm_half_n"], n["norm_largest_model"]))
    comparison = notices[3]
    better = n["best_over_test_mse"] < n["best_under_test_mse"]
    assert (" is better than " in comparison) == better and (" is worse than " in comparison) == (not better)
    ridge = notices[4]
    spike = n["ridge_at_n"] / n["ridge_best_under"]
    assert ("no peak at the threshold" in ridge) == (spike <= 1.05)
    assert ("The targets have no noise" in notices[-1]) == (result.params["noise"] == 0
                                                            and n["peak_features"] == n_train)


NOTICE_GRID = [
    {},
    {"noise": "0", "n_train": "40"},
    {"noise": "2", "n_train": "60"},  # noisy: the small model wins
    {"noise": "0.5", "n_train": "200"},
    {"noise": "1"},
]


@pytest.mark.slow  # a subset of the grid below
@pytest.mark.parametrize("params", NOTICE_GRID[:2])
def test_notices_agree_with_the_numbers(params):
    check_notices(run_lab("double-descent", 0, params))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("params", NOTICE_GRID)
def test_notices_agree_with_the_numbers_on_a_grid(params, seed):
    check_notices(run_lab("double-descent", seed, params))
