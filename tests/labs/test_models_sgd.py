"""Per-sample SGD computed a block of samples at a time is still per-sample SGD.

``LinearRegression(solver="sgd")`` promises one update per sample, in the epoch's shuffled order,
with the learning rate ``learning_rate / (1 + lr_decay * epoch)``. The reference below is that
promise written as the plain loop; every test compares the model with it.
"""

import warnings

import numpy as np
import pytest

from gauntlet.labs.models import LinearRegression
from gauntlet.labs.models.linear import SGD_BLOCK, _BlockedSGD, sgd_epoch_per_sample

# Same result up to floating-point rounding: the blocked algebra adds and multiplies the same
# numbers in a different order, which moves results by ~1e-15 relative (1e-13 while diverging).
RTOL = 1e-9


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
            w -= (rate * 2.0 * (Xb[i] @ w - y[i])) * Xb[i]
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
    np.testing.assert_allclose(model.loss_history_, history_ref, rtol=RTOL)
    coef_ref = w_ref[:-1] if fit_intercept else w_ref
    np.testing.assert_allclose(model.coef_, coef_ref, rtol=RTOL, atol=1e-12 * np.abs(coef_ref).max())
    if fit_intercept:
        assert model.intercept_ == pytest.approx(w_ref[-1], rel=RTOL, abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    ("n", "d"),
    [
        (400, 5),  # a whole number of blocks (400 = 25 x 16)
        (203, 7),  # a partial last block
        (40, 3),  # just over two blocks
        (150, 31),  # the widest problem whose blocks are folded into one map (31 features + intercept)
        (120, 60),  # wider: blocks apply their residuals instead
        (50, 120),  # more features than samples
    ],
)
def test_sgd_matches_the_per_sample_loop(seed, n, d):
    X, y = regression_data(seed, n, d)
    lr = 0.2 / (d + 1)  # ~0.4 / E||x||^2: every one-sample step contracts
    model = LinearRegression(solver="sgd", learning_rate=lr, n_epochs=15, random_state=seed).fit(X, y)
    assert_same_fit(model, *reference_sgd_fit(X, y, learning_rate=lr, n_epochs=15, random_state=seed))


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_sgd_matches_with_and_without_intercept_and_with_a_decaying_rate(fit_intercept):
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


@pytest.mark.parametrize(("n", "d"), [(10, 4), (2 * SGD_BLOCK - 1, 4), (40, 600)])
def test_small_or_very_wide_problems_take_the_same_steps(n, d):
    """Fewer rows than two blocks, or more columns than the blocks pay off for, use the loop itself."""
    X, y = regression_data(5, n, d)
    lr = 0.2 / (d + 1)
    model = LinearRegression(solver="sgd", learning_rate=lr, n_epochs=5, random_state=5).fit(X, y)
    assert_same_fit(model, *reference_sgd_fit(X, y, learning_rate=lr, n_epochs=5, random_state=5))


def test_sgd_draws_exactly_one_shuffle_per_epoch_from_a_shared_generator():
    X, y = regression_data(6, 100, 4)
    ours, theirs = np.random.default_rng(7), np.random.default_rng(7)
    LinearRegression(solver="sgd", learning_rate=0.02, n_epochs=6, random_state=ours).fit(X, y)
    reference_sgd_fit(X, y, learning_rate=0.02, n_epochs=6, random_state=theirs)
    assert ours.integers(1 << 62) == theirs.integers(1 << 62)


@pytest.mark.parametrize("block", [4, 8, 32])
@pytest.mark.parametrize("chunk_values", [1, 1 << 12, 1 << 22])
@pytest.mark.parametrize("d", [3, 40])
def test_blocked_epoch_equals_the_loop_for_any_block_size_and_stretch(block, chunk_values, d):
    """Block sizes other than the default, and stretches from one block to all of them at once."""
    X, y = regression_data(8, 150, d)
    rng = np.random.default_rng(8)
    w = rng.standard_normal(d) * 0.3
    order = rng.permutation(150)
    rate = 0.1 / d
    blocked = _BlockedSGD(X, y, block=block, chunk_values=chunk_values)
    expected = sgd_epoch_per_sample(X, y, w, order, rate)
    np.testing.assert_allclose(blocked.epoch(w, order, rate), expected, rtol=RTOL, atol=1e-13)


def test_blocked_epoch_leaves_its_input_weights_alone():
    X, y = regression_data(9, 64, 5)
    w = np.ones(5)
    _BlockedSGD(X, y).epoch(w, np.arange(64), 0.01)
    assert np.array_equal(w, np.ones(5))


@pytest.mark.parametrize(
    ("d", "lr"),
    [
        (5, 0.2),  # diverges over several epochs
        (20, 0.1),
        (60, 0.05),  # the residual form
        (20, 5.0),  # overflows within the first epoch
    ],
)
def test_a_diverging_rate_diverges_exactly_like_the_loop(d, lr):
    X, y = regression_data(10, 300, d)
    with np.errstate(over="ignore", invalid="ignore"):
        w_ref, history_ref = reference_sgd_fit(X, y, learning_rate=lr, n_epochs=40, random_state=10)
        model = LinearRegression(solver="sgd", learning_rate=lr, n_epochs=40, random_state=10).fit(X, y)
    assert not np.isfinite(history_ref[-1]) and len(history_ref) < 40  # the loop blew up and stopped
    assert model.n_epochs_ == len(history_ref)
    assert not np.isfinite(model.loss_history_[-1])
    np.testing.assert_allclose(model.loss_history_[:-1], history_ref[:-1], rtol=RTOL)


def test_block_algebra_overflow_falls_back_to_the_loop_without_changing_the_result():
    """With y = 0 the loop never moves from w = 0, whatever the rate; the block inverse for an
    absurd rate overflows (inf * 0 = nan), so only a replay by the loop gets this right."""
    X, _ = regression_data(11, 64, 4)
    y = np.zeros(64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and the overflow inside the blocks is not reported
        model = LinearRegression(solver="sgd", learning_rate=1e30, n_epochs=3, random_state=0).fit(X, y)
    assert np.array_equal(model.loss_history_, np.zeros(3))
    assert np.array_equal(model.coef_, np.zeros(4)) and model.intercept_ == 0.0


def test_block_size_must_be_a_power_of_two():
    X, y = regression_data(12, 40, 3)
    with pytest.raises(ValueError, match="power of two"):
        _BlockedSGD(X, y, block=12)
