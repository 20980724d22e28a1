"""The MLP's backpropagation against finite differences, and the training knobs the labs rely on."""

from __future__ import annotations

import numpy as np
import pytest

from gauntlet.labs.models import MLPClassifier, ModelInputError, NotFittedError


def _classification(n: int = 120, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    y = (X[:, 0] + X[:, 1] ** 2 > 0.5).astype(int) + (X[:, 2] > 1).astype(int)
    return X, y


def _numerical_gradient(model, X, y, array: np.ndarray, step: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + step
        plus = model.loss_and_gradients(X, y)[0]
        array[index] = original - step
        minus = model.loss_and_gradients(X, y)[0]
        array[index] = original
        grad[index] = (plus - minus) / (2 * step)
    return grad


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("batch_norm", [False, True])
@pytest.mark.parametrize("optimizer", ["adam", "adamw"])  # the L2 penalty is in the loss, or (AdamW) not
def test_backprop_matches_central_finite_differences(activation, batch_norm, optimizer):
    X, y = _classification(30)
    model = MLPClassifier((6, 5), activation=activation, batch_norm=batch_norm, weight_decay=0.03,
                          optimizer=optimizer, n_epochs=0, random_state=1)
    model.fit(X, y)
    if batch_norm:
        # move gamma/beta off their initial 1/0 so their gradients are tested in general position
        for gamma, beta in zip(model.gammas_, model.betas_, strict=True):
            gamma += np.linspace(-0.3, 0.3, gamma.size)
            beta += np.linspace(0.2, -0.2, beta.size)
    _, analytic = model.loss_and_gradients(X, y)
    for array, grad in zip(model.parameters(), analytic, strict=True):
        # central differences have O(step^2) truncation error; 1e-6 absolute leaves room for rounding
        np.testing.assert_allclose(grad, _numerical_gradient(model, X, y, array), atol=1e-6, rtol=1e-5)


def test_records_have_one_row_per_step_and_one_value_per_epoch():
    X, y = _classification(100)
    model = MLPClassifier((8, 8, 8), n_epochs=5, batch_size=25, validation_fraction=0.2, random_state=0).fit(X, y)
    # 80 training rows in batches of 25: 4 steps per epoch
    assert model.grad_norm_history_.shape == (20, 4)
    assert len(model.train_loss_history_) == len(model.val_loss_history_) == len(model.val_score_history_) == 5
    assert model.n_steps_ == 20 and model.n_epochs_ == 5
    assert np.all(model.grad_norm_history_ >= 0)


def test_deep_sigmoid_network_gradients_vanish_towards_the_input():
    # the record a vanishing-gradient lab plots: with sigmoid, each layer multiplies by <= 1/4
    X, y = _classification(200)
    model = MLPClassifier((16,) * 8, activation="sigmoid", init="xavier", n_epochs=1, optimizer="sgd",
                          learning_rate=0.01, random_state=0).fit(X, y)
    first_step = model.grad_norm_history_[0]
    assert first_step[0] < first_step[-1] / 100


def test_clipping_bounds_the_update_but_records_the_raw_norm():
    X, y = _classification(64)
    X_big = X * 1000.0  # huge inputs: huge activations and gradients
    clipped = MLPClassifier((8,), optimizer="sgd", momentum=0.0, learning_rate=0.1, clip_norm=1.0,
                            batch_size=64, n_epochs=1, random_state=0).fit(X_big, y)
    fresh = MLPClassifier((8,), n_epochs=0, random_state=0).fit(X_big, y)
    moved = np.sqrt(sum(np.sum((a - b) ** 2) for a, b in zip(clipped.parameters(), fresh.parameters(), strict=True)))
    # one SGD step of a gradient clipped to norm 1 with rate 0.1 moves the parameters by at most 0.1
    assert moved <= 0.1 + 1e-12
    assert clipped.grad_norm_history_[0].max() > 100


def test_same_seed_same_network_different_seed_different_network():
    X, y = _classification()
    a = MLPClassifier((8,), dropout=0.2, n_epochs=3, random_state=5).fit(X, y)
    b = MLPClassifier((8,), dropout=0.2, n_epochs=3, random_state=5).fit(X, y)
    c = MLPClassifier((8,), dropout=0.2, n_epochs=3, random_state=6).fit(X, y)
    np.testing.assert_array_equal(a.predict_proba(X), b.predict_proba(X))
    assert not np.allclose(a.predict_proba(X), c.predict_proba(X))


@pytest.mark.parametrize("init, expected_std", [("he", np.sqrt(2 / 50)), ("normal", 0.01),
                                                ("xavier", np.sqrt(2 / (50 + 400)))])
def test_initialisation_scales(init, expected_std):
    model = MLPClassifier((400,), init=init, n_epochs=0, random_state=0)
    model.initialize(50, 3)
    # 20000 draws: the sample standard deviation is within 2% of the target
    assert model.weights_[0].std() == pytest.approx(expected_std, rel=0.02)


def test_early_stopping_restores_the_best_validation_weights():
    X, y = _classification(200, seed=3)
    X_val, y_val = _classification(100, seed=4)
    model = MLPClassifier((64, 64), learning_rate=0.01, n_epochs=200, patience=5, random_state=0)
    model.fit(X, y, X_val, y_val)
    assert model.n_epochs_ < 200
    out_val = model.predict_proba(X_val)
    loss = -np.mean(np.log(out_val[np.arange(len(y_val)), np.searchsorted(model.classes_, y_val)]))
    assert loss == pytest.approx(min(model.val_loss_history_), rel=1e-9)


def test_batch_norm_inference_uses_running_statistics():
    X, y = _classification(200)
    model = MLPClassifier((16,), batch_norm=True, learning_rate=0.01, n_epochs=50, random_state=0).fit(X, y)
    # one row alone must be predicted as it is inside a batch: no dependence on batch statistics
    np.testing.assert_allclose(model.predict_proba(X[:1]), model.predict_proba(X)[:1])
    assert model.score(X, y) > 0.8


def test_batch_norm_keeps_the_unbiased_variance_for_inference():
    """The batch is normalised by its biased variance; the running variance gets the m/(m-1) correction."""
    X, y = _classification(40)
    initial = MLPClassifier((5,), batch_norm=True, n_epochs=0, random_state=1).fit(X, y)
    z = X @ initial.weights_[0]  # the first hidden layer's pre-activations in the one full-batch step
    model = MLPClassifier((5,), batch_norm=True, batch_size=40, n_epochs=1, random_state=1).fit(X, y)
    np.testing.assert_allclose(model.running_vars_[0], 0.9 * 1.0 + 0.1 * z.var(axis=0, ddof=1), rtol=1e-12)
    np.testing.assert_allclose(model.running_means_[0], 0.1 * z.mean(axis=0), rtol=1e-12, atol=1e-15)


def test_adamw_decays_the_weights_outside_the_adaptive_step():
    """One full-batch step from the same start: AdamW's weights are Adam's minus learning_rate x lambda x the
    starting weights (decoupled: the decay never enters the gradient or Adam's moments)."""
    X, y = _classification(40)
    options = dict(learning_rate=0.01, batch_size=40, n_epochs=1, random_state=0)
    adam = MLPClassifier((4,), optimizer="adam", **options).fit(X, y)
    adamw = MLPClassifier((4,), optimizer="adamw", weight_decay=0.5, **options).fit(X, y)
    start = MLPClassifier((4,), n_epochs=0, random_state=0).fit(X, y).weights_
    for w0, w_adam, w_adamw in zip(start, adam.weights_, adamw.weights_, strict=True):
        np.testing.assert_allclose(w_adamw, w_adam - 0.01 * 0.5 * w0, rtol=1e-10, atol=1e-12)
    # coupled L2 in Adam is a different update: the penalty's gradient goes through Adam's scaling
    coupled = MLPClassifier((4,), optimizer="adam", weight_decay=0.5, **options).fit(X, y)
    assert not np.allclose(coupled.weights_[0], adamw.weights_[0])


def test_warm_start_continues_and_extends_the_records():
    X, y = _classification()
    model = MLPClassifier((8,), n_epochs=3, warm_start=True, random_state=0).fit(X, y)
    weights = model.weights_[0].copy()
    model.fit(X, y)
    assert model.n_epochs_ == 6
    assert not np.array_equal(weights, model.weights_[0])


def test_misuse_is_reported_clearly():
    X, y = _classification()
    with pytest.raises(NotFittedError):
        MLPClassifier().predict(X)
    with pytest.raises(ModelInputError, match="activation"):
        MLPClassifier(activation="gelu").fit(X, y)
    with pytest.raises(ModelInputError, match="features"):
        MLPClassifier((4,), n_epochs=1).fit(X, y).predict(X[:, :2])
