"""Numerical honesty of the models: no silent non-answers, no overflow on extreme scores."""

import warnings

import numpy as np
import pytest

from gauntlet.labs.models import GradientBoostingClassifier, LogisticRegression
from gauntlet.labs.models.base import ConvergenceWarning
from gauntlet.labs.models.ensemble import _probabilities


def _separable(seed=0, n=200):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    return X, (X[:, 0] + X[:, 1] > 0).astype(int)


def test_unpenalised_logistic_regression_on_separable_classes_warns_that_there_is_no_optimum():
    X, y = _separable()
    with pytest.warns(ConvergenceWarning, match="linearly separable"):
        model = LogisticRegression(C=float("inf")).fit(X, y)
    assert np.linalg.norm(model.coef_) > 100  # the weights grew until the gradient underflowed the tolerance


def test_three_separable_classes_warn_too():
    rng = np.random.default_rng(1)
    centres = np.array([[0.0, 8.0], [8.0, 0.0], [-8.0, -8.0]])
    y = np.repeat([0, 1, 2], 30)
    X = centres[y] + rng.standard_normal((90, 2))
    with pytest.warns(ConvergenceWarning, match="linearly separable"):
        LogisticRegression(C=float("inf")).fit(X, y)


@pytest.mark.parametrize("C", [1.0, float("inf")])
def test_no_warning_when_an_optimum_exists(C):
    rng = np.random.default_rng(2)
    X = rng.standard_normal((300, 2))
    y = (X[:, 0] + rng.standard_normal(300) > 0).astype(int)  # overlapping classes: a finite MLE exists
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        LogisticRegression(C=C).fit(X, y)
        LogisticRegression(C=1.0).fit(*_separable())  # separable but penalised: a finite optimum exists


def test_running_out_of_iterations_warns():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((100, 3))
    y = (X[:, 0] > 0).astype(int)
    with pytest.warns(ConvergenceWarning, match="did not converge in max_iter=2"):
        LogisticRegression(solver="gd", max_iter=2).fit(X, y)


def test_boosting_probabilities_do_not_overflow_on_extreme_scores():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 1 / (1 + exp(1000)) raised an overflow warning
        binary = _probabilities(np.array([[-1000.0], [0.0], [1000.0]]))[:, 0]
        multi = _probabilities(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_allclose(binary, [0.0, 0.5, 1.0])
    np.testing.assert_allclose(multi, [[0.0, 0.0, 1.0]])


@pytest.mark.slow
def test_boosting_on_separable_data_predicts_without_warnings():
    X, y = _separable(4)
    model = GradientBoostingClassifier(n_estimators=300, learning_rate=1.0, max_depth=2, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        proba = model.fit(X, y).predict_proba(X * 50)  # far outside the data: scores of large magnitude
    assert np.all(np.isfinite(proba)) and np.allclose(proba.sum(axis=1), 1.0)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_logistic_regression_sample_weights_match_scikit_learn_and_repetition(n_classes):
    from sklearn.linear_model import LogisticRegression as SkLogisticRegression

    rng = np.random.default_rng(5)
    X = rng.standard_normal((150, 3))
    y = np.argmax(X @ rng.standard_normal((3, n_classes)) + rng.standard_normal((150, n_classes)), axis=1)
    weights = rng.integers(0, 4, 150).astype(float)  # zeros included: those rows do not count
    ours = LogisticRegression(C=0.7, tol=1e-10).fit(X, y, sample_weight=weights)
    theirs = SkLogisticRegression(C=0.7, tol=1e-12, max_iter=10_000).fit(X, y, sample_weight=weights)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-6)
    repeated = np.repeat(np.arange(150), weights.astype(int))  # whole-number weights = repeated rows
    copies = LogisticRegression(C=0.7, tol=1e-10).fit(X[repeated], y[repeated])
    np.testing.assert_allclose(ours.coef_, copies.coef_, atol=1e-8)


def test_sample_weights_are_checked():
    X, y = _separable()
    with pytest.raises(ValueError, match="sample_weight"):
        LogisticRegression().fit(X, y, sample_weight=np.zeros(len(y)))
    with pytest.raises(ValueError, match="sample_weight"):
        LogisticRegression().fit(X, y, sample_weight=-np.ones(len(y)))
