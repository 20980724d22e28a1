"""Per-sample SGD is the textbook loop: one update per sample, in the epoch's shuffled order.

``LinearRegression(solver="sgd")`` promises one update per sample with the learning rate
``learning_rate / (1 + lr_decay * epoch)``. The reference below is that promise written out
independently; every test compares the model with it.
"""

import numpy as np
import pytest

from gauntlet.labs.models import LinearRegression


def reference_sgd_fit(X, y, *, learning_rate, n_epochs, random_state, lr_decay=0.0, tol=0.0,
                      fit_intercept=True):
    """(weights incl. intercept, loss history) of plain per-sample SGD, one update per row."""
    n = len(X)
    Xb = np.column_stack([X, np.ones(n)]) if fit_intercept else X
    w = np.zeros(Xb.shape[1])
    rng = np.random.default_rng(random_state)  # a Generator passes through, as in make_rng
    history = []
    for epoch in range(n_epochs):
        rate = learning_rate / (1.0 + lr_decay * epoch)
        for i in rng.permutation(n):
            w = w - (rate * 2.0 * (Xb[i] @ w - y[i])) * Xb[i]
        loss = float(np.mean((Xb @ w - y) ** 2))
        history.append(loss)
        if not np.isfinite(loss):
            break
        if tol > 0 and len(history) > 1 and history[-2] - loss < tol:
            break
    return w, np.array(history)


def regression_data(seed, n, d, noise=0.5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = X @ rng.uniform(-2, 2, d) + 1.5 + noise * rng.standard_normal(n)
    return X, y


def assert_same_fit(model, w_ref, history_ref, fit_intercept=True):
    assert model.n_epochs_ == len(history_ref)
    np.testing.assert_allclose(model.loss_history_, history_ref, rtol=1e-12)
    coef_ref = w_ref[:-1] if fit_intercept else w_ref
    np.testing.assert_allclose(model.coef_, coef_ref, rtol=1e-12, atol=1e-14)
    if fit_intercept:
        assert model.intercept_ == pytest.approx(w_ref[-1], rel=1e-12, abs=1e-14)


@pytest.mark.parametrize(("n", "d"), [(203, 7), (50, 120)])
def test_sgd_is_the_per_sample_loop(n, d):
    X, y = regression_data(0, n, d)
    lr = 0.2 / (d + 1)  # ~0.4 / E||x||^2: every one-sample step contracts
    model = LinearRegression(solver="sgd", learning_rate=lr, n_epochs=15, random_state=0).fit(X, y)
    assert_same_fit(model, *reference_sgd_fit(X, y, learning_rate=lr, n_epochs=15, random_state=0))


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_sgd_with_and_without_intercept_and_with_a_decaying_rate(fit_intercept):
    X, y = regression_data(3, 333, 9)
    options = dict(learning_rate=0.03, lr_decay=0.5, n_epochs=25, random_state=3)
    model = LinearRegression(solver="sgd", fit_intercept=fit_intercept, **options).fit(X, y)
    assert_same_fit(model, *reference_sgd_fit(X, y, fit_intercept=fit_intercept, **options), fit_intercept)


def test_sgd_stops_on_tol_after_the_same_epoch():
    X, y = regression_data(4, 500, 6)
    options = dict(learning_rate=0.01, n_epochs=200, tol=1e-3, random_state=4)
    w_ref, history_ref = reference_sgd_fit(X, y, **options)
    assert 2 < len(history_ref) < 200  # the tolerance, not the epoch budget, ends this fit
    assert_same_fit(LinearRegression(solver="sgd", **options).fit(X, y), w_ref, history_ref)


def test_sgd_draws_exactly_one_shuffle_per_epoch_from_a_shared_generator():
    X, y = regression_data(6, 100, 4)
    ours, theirs = np.random.default_rng(7), np.random.default_rng(7)
    LinearRegression(solver="sgd", learning_rate=0.02, n_epochs=6, random_state=ours).fit(X, y)
    reference_sgd_fit(X, y, learning_rate=0.02, n_epochs=6, random_state=theirs)
    assert ours.integers(1 << 62) == theirs.integers(1 << 62)


def test_a_diverging_rate_stops_at_the_first_non_finite_epoch():
    X, y = regression_data(10, 300, 20)
    with np.errstate(over="ignore", invalid="ignore"):
        model = LinearRegression(solver="sgd", learning_rate=5.0, n_epochs=40, random_state=10).fit(X, y)
    assert model.n_epochs_ < 40 and not np.isfinite(model.loss_history_[-1])
    assert np.all(np.isfinite(model.loss_history_[:-1]))
