"""Behaviour that has no library counterpart to compare with: SMOTE by its definition, shuffled
splits, the shared estimator contract, and the drift statistics' defining properties."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special as sp_special
from scipy import stats as sp_stats

from gauntlet.labs import models
from gauntlet.labs.models import (
    SMOTE,
    DecisionTreeRegressor,
    KFold,
    Lasso,
    LinearRegression,
    ModelInputError,
    NotFittedError,
    RandomForestClassifier,
    RandomForestRegressor,
    StratifiedKFold,
    clone,
    cross_val_score,
    kolmogorov_sf,
    ks_2samp,
    psi,
    psi_breakdown,
    smirnov_sf,
    train_test_split,
)


def _imbalanced(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0, 1, (90, 3)), rng.normal(2, 0.5, (12, 3)), rng.normal(-2, 0.5, (20, 3))])
    y = np.array([0] * 90 + [1] * 12 + [2] * 20)
    return X, y


# --- SMOTE ------------------------------------------------------------------------------------

def test_smote_balances_every_class_to_the_majority_and_keeps_the_originals_first():
    X, y = _imbalanced()
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [90, 90, 90]
    np.testing.assert_array_equal(X_res[: len(X)], X)
    np.testing.assert_array_equal(y_res[: len(y)], y)


def test_each_synthetic_point_lies_on_a_segment_to_one_of_its_k_nearest_same_class_neighbours():
    X, y = _imbalanced()
    smote = SMOTE(k_neighbors=3, random_state=1)
    X_res, y_res = smote.fit_resample(X, y)
    synthetic, labels = X_res[len(X):], y_res[len(y):]
    base, neighbour, gap = smote.synthetic_base_, smote.synthetic_neighbor_, smote.synthetic_gap_
    assert np.all((gap >= 0) & (gap < 1))
    np.testing.assert_allclose(synthetic, X[base] + gap[:, None] * (X[neighbour] - X[base]), atol=1e-12)
    assert np.all(y[base] == labels) and np.all(y[neighbour] == labels)
    for b, nb in zip(base, neighbour, strict=True):
        same_class = np.flatnonzero((y == y[b]) & (np.arange(len(y)) != b))
        distances = np.linalg.norm(X[same_class] - X[b], axis=1)
        assert nb in same_class[np.argsort(distances)[:3]]


def test_smote_is_reproducible_by_seed_and_a_ratio_grows_only_the_minority():
    X, y = _imbalanced()
    binary = y[y != 2]
    Xb = X[y != 2]
    a = SMOTE(random_state=7).fit_resample(Xb, binary)[0]
    b = SMOTE(random_state=7).fit_resample(Xb, binary)[0]
    c = SMOTE(random_state=8).fit_resample(Xb, binary)[0]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    _, y_half = SMOTE(sampling_strategy=0.5, random_state=0).fit_resample(Xb, binary)
    assert np.bincount(y_half).tolist() == [90, 45]


def test_smote_refuses_a_class_smaller_than_k_plus_one():
    X, y = _imbalanced()
    with pytest.raises(ModelInputError, match="k_neighbors"):
        SMOTE(k_neighbors=12).fit_resample(X, y)


# --- splits -----------------------------------------------------------------------------------

@pytest.mark.parametrize("splitter", [KFold(4, shuffle=True, random_state=3),
                                      StratifiedKFold(4, shuffle=True, random_state=3)])
def test_shuffled_folds_partition_the_rows(splitter):
    X, y = _imbalanced()
    tests = [test for _, test in splitter.split(X, y)]
    np.testing.assert_array_equal(np.sort(np.concatenate(tests)), np.arange(len(X)))
    for train, test in splitter.split(X, y):
        assert not set(train) & set(test)


def test_stratified_folds_keep_each_class_share():
    X, y = _imbalanced()
    for _, test in StratifiedKFold(4, shuffle=True, random_state=0).split(X, y):
        # class counts 90/12/20 over 4 folds: each fold gets 22-23, 3, 5 of them
        counts = np.bincount(y[test], minlength=3)
        assert counts[0] in (22, 23) and counts[1] == 3 and counts[2] == 5


def test_stratified_train_test_split_keeps_shares_and_sizes():
    X, y = _imbalanced()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    assert len(y_test) == 31 and len(y_train) == 91  # ceil(0.25 * 122) = 31
    assert np.bincount(y_test).tolist() == [23, 3, 5]
    assert sorted(map(tuple, np.vstack([X_train, X_test]))) == sorted(map(tuple, X))


def test_cross_val_score_refits_a_fresh_model_per_fold():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = X @ np.array([1.0, 2.0, 0.0]) + 0.01 * rng.normal(size=60)
    scores = cross_val_score(LinearRegression(), X, y, cv=5)
    assert scores.shape == (5,) and np.all(scores > 0.99)


# --- the estimator contract -------------------------------------------------------------------

def test_get_params_round_trips_through_clone_and_set_params():
    model = Lasso(alpha=0.3, max_iter=50)
    assert model.get_params() == {"alpha": 0.3, "fit_intercept": True, "max_iter": 50, "tol": 1e-4}
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params()
    model.set_params(alpha=2.0)
    assert model.alpha == 2.0
    with pytest.raises(ModelInputError, match="no parameter"):
        model.set_params(lambda_=1.0)


def test_every_exported_name_resolves_and_input_errors_are_clear():
    for name in models.__all__:
        assert getattr(models, name) is not None
    with pytest.raises(NotFittedError):
        LinearRegression().predict(np.zeros((2, 2)))
    with pytest.raises(ModelInputError, match="2-D"):
        LinearRegression().fit(np.zeros(5), np.zeros(5))
    with pytest.raises(ModelInputError, match="NaN"):
        LinearRegression().fit(np.array([[1.0], [np.nan]]), np.zeros(2))
    with pytest.raises(ModelInputError, match="features"):
        LinearRegression().fit(np.eye(3), np.arange(3.0)).predict(np.eye(2))


# --- drift ------------------------------------------------------------------------------------

def test_psi_is_zero_for_the_same_sample_and_grows_with_the_shift():
    rng = np.random.default_rng(0)
    reference = rng.normal(size=5000)
    assert psi(reference, reference) == 0.0
    small, large = psi(reference, reference + 0.1), psi(reference, reference + 1.0)
    assert 0 < small < 0.1 < 0.25 < large
    breakdown = psi_breakdown(reference, reference + 1.0)
    assert breakdown.contribution.sum() == pytest.approx(breakdown.psi)
    assert breakdown.reference_share == pytest.approx(np.full(10, 0.1))


@pytest.mark.parametrize("n", [1, 3, 10, 60, 140])
def test_kolmogorov_tail_matches_scipy_kstwo_where_scipy_is_exact(n):
    # for n <= 140 SciPy computes kstwo exactly (Durbin matrix / Pomeranz / Smirnov); so do we
    for d in (0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 0.95):
        assert kolmogorov_sf(d, n) == pytest.approx(sp_stats.kstwo.sf(d, n), abs=1e-9)


@pytest.mark.parametrize("n", [500, 2_000, 8_571])
def test_kolmogorov_tail_for_large_n_agrees_with_scipy_within_its_approximation(n):
    # for larger n SciPy switches to the Pelz-Good asymptotic series in the middle range, which is
    # within a few 1e-6 of the exact value we compute; in the tail both use twice Smirnov's tail
    for d in (0.005, 0.01, 0.02, 0.05, 0.1):
        assert kolmogorov_sf(d, n) == pytest.approx(sp_stats.kstwo.sf(d, n), abs=1e-5)


def test_one_sided_smirnov_tail_matches_scipy():
    for n in (1, 7, 50, 400, 5_000):
        for d in (0.001, 0.01, 0.1, 0.3, 0.8):
            assert smirnov_sf(d, n) == pytest.approx(sp_special.smirnov(n, d), abs=1e-10)


def test_ks_separates_a_real_shift_from_noise():
    rng = np.random.default_rng(1)
    same = ks_2samp(rng.normal(size=300), rng.normal(size=250))
    shifted = ks_2samp(rng.normal(size=300), rng.normal(0.5, 1, 250))
    assert same.pvalue > 0.05 and shifted.pvalue < 1e-4
    assert shifted.method == "exact"
    assert ks_2samp(rng.normal(size=20_000), rng.normal(size=200)).method == "asymp"


# --- trees and forests ------------------------------------------------------------------------

def test_forest_never_splits_on_a_constant_feature_and_handles_discrete_ones():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(300), rng.integers(0, 2, 300), rng.integers(0, 3, 300), rng.normal(size=300)])
    y = (X[:, 1] + (X[:, 2] == 2) + (X[:, 3] > 0.5) > 1).astype(int)
    forest = RandomForestClassifier(30, max_features=1, oob_score=True, random_state=0).fit(X, y)
    for tree in forest.estimators_:
        internal = tree.tree_.left != -1
        assert not np.any(tree.tree_.feature[internal] == 0)
        # thresholds of the discrete features lie halfway between two of their values
        for f, cut in zip(tree.tree_.feature[internal], tree.tree_.threshold[internal], strict=True):
            assert f != 1 or cut == 0.5
            assert f != 2 or cut in (0.5, 1.0, 1.5)
    assert forest.oob_score_ > 0.9
    assert forest.feature_importances_[0] == 0.0


def test_trees_grown_together_equal_trees_grown_one_by_one():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 5))
    y = X[:, 0] - 2 * X[:, 1] ** 2 + rng.normal(0, 0.1, 200)
    forest = RandomForestRegressor(3, max_features=None, min_samples_leaf=3, random_state=4).fit(X, y)
    # without feature sampling a tree is fixed by its bootstrap weights: refit each one alone
    replay = np.random.default_rng(4)
    for tree in forest.estimators_:
        w = forest._bootstrap_weights(200, replay)
        alone = DecisionTreeRegressor(min_samples_leaf=3).fit(X, y, sample_weight=w)
        np.testing.assert_allclose(alone.predict(X), tree.predict(X), atol=1e-12)


@pytest.mark.parametrize("k", [1, 5, 16, 17, 40])
def test_neighbour_selection_finds_the_k_smallest_by_either_method(k):
    from gauntlet.labs.models.neighbors import smallest_k

    scores = np.random.default_rng(k).normal(size=(50, 300))
    chosen = smallest_k(scores.copy(), k)
    expected = np.argsort(scores, axis=1, kind="stable")[:, :k]
    assert np.array_equal(np.sort(chosen, axis=1), np.sort(expected, axis=1))


def test_neighbour_selection_breaks_ties_towards_the_first_training_row():
    from gauntlet.labs.models.neighbors import smallest_k

    scores = np.array([[3.0, 1.0, 1.0, 1.0, 0.0]])
    assert sorted(smallest_k(scores, 3)[0]) == [1, 2, 4]
