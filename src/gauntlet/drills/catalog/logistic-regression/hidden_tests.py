import numpy as np

RTOL, ATOL = 1e-7, 1e-10


def _sigmoid(z):
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
    return out


def _reference(X, y, lr, n_iters, l2):
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for t in range(n_iters + 1):
        z = X @ w + b
        losses.append(np.mean(np.logaddexp(0, z) - y * z) + 0.5 * l2 * w @ w)
        if t == n_iters:
            break
        r = _sigmoid(z) - y
        w, b = w - lr * (X.T @ r / n + l2 * w), b - lr * r.mean()
    return w, b, np.array(losses)


def _problem(seed, n, d, separation=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w_true = rng.normal(size=d) * separation
    y = (rng.random(n) < _sigmoid(X @ w_true + 0.3)).astype(np.int64)
    return X, y


def _check(sol, X, y, lr, n_iters, l2):
    w, b, losses = sol.fit_logistic_regression(X, y, lr=lr, n_iters=n_iters, l2=l2)
    w_ref, b_ref, losses_ref = _reference(X, y, lr, n_iters, l2)
    assert np.allclose(w, w_ref, rtol=RTOL, atol=ATOL), "weights differ from the specified updates"
    assert np.isclose(b, b_ref, rtol=RTOL, atol=ATOL), "bias differs from the specified updates"
    assert np.allclose(losses, losses_ref, rtol=RTOL, atol=ATOL), "loss history differs"
    return w, b, np.asarray(losses, dtype=float)


def test_edge_zero_iterations(sol):
    X, y = _problem(0, 10, 3)
    w, b, losses = sol.fit_logistic_regression(X, y, lr=0.5, n_iters=0, l2=0.1)
    assert np.all(np.asarray(w) == 0) and b == 0
    assert np.allclose(losses, [np.log(2.0)], rtol=RTOL, atol=ATOL)


def test_edge_single_class(sol):
    X, _ = _problem(1, 20, 2)
    y = np.ones(20, dtype=np.int64)
    _, b, losses = _check(sol, X, y, 0.5, 100, 0.0)
    assert b > 0 and np.all(np.diff(losses) < 0), "with only positives the bias grows and the loss falls"


def test_edge_single_sample(sol):
    _check(sol, np.array([[0.5, -2.0]]), np.array([0]), 0.3, 30, 0.01)


def test_shape_outputs(sol):
    X, y = _problem(2, 15, 4)
    w, b, losses = sol.fit_logistic_regression(X, y, lr=0.1, n_iters=6)
    w = np.asarray(w)
    assert w.shape == (4,) and w.dtype.kind == "f" and np.ndim(b) == 0
    assert np.asarray(losses).shape == (7,)
    p = np.asarray(sol.predict_proba(X, w, b))
    assert p.shape == (15,) and p.dtype.kind == "f"


def test_random_trajectories(sol):
    for seed, (n, d, lr, iters, l2) in enumerate(
        [(50, 2, 0.5, 100, 0.0), (200, 5, 0.2, 300, 0.05), (30, 8, 1.0, 50, 0.5)]
    ):
        X, y = _problem(10 + seed, n, d)
        _check(sol, X, y, lr, iters, l2)


def test_random_predict_proba(sol):
    rng = np.random.default_rng(3)
    X, w, b = rng.normal(size=(40, 3)) * 20, rng.normal(size=3), 1.5
    assert np.allclose(sol.predict_proba(X, w, b), _sigmoid(X @ w + b), rtol=1e-12, atol=1e-15)


def test_property_loss_non_increasing(sol):
    X, y = _problem(4, 300, 4)
    l2 = 0.01
    X1 = np.column_stack([X, np.ones(len(X))])
    # the log loss has curvature at most λ_max(X1ᵀX1)/(4n); 1/L is a safe step
    smoothness = np.linalg.eigvalsh(X1.T @ X1 / len(X)).max() / 4 + l2
    _, _, losses = sol.fit_logistic_regression(X, y, lr=1.0 / smoothness, n_iters=200, l2=l2)
    assert np.all(np.diff(np.asarray(losses)) <= 1e-12)


def test_property_converges_to_stationary_point(sol):
    X, y = _problem(5, 100, 3)
    l2 = 0.1
    w, b, _ = sol.fit_logistic_regression(X, y, lr=1.0, n_iters=2000, l2=l2)
    w = np.asarray(w, dtype=float)
    r = _sigmoid(X @ w + b) - y
    assert np.allclose(X.T @ r / len(X) + l2 * w, 0, atol=1e-8) and abs(r.mean()) < 1e-8, (
        "after many steps the penalised gradient must vanish"
    )


def test_property_penalty_shrinks_weights_not_bias(sol):
    X, y = _problem(6, 200, 3, separation=2.0)
    w0, _, _ = sol.fit_logistic_regression(X, y, lr=0.5, n_iters=500, l2=0.0)
    w1, _b1, _ = sol.fit_logistic_regression(X, y, lr=0.5, n_iters=500, l2=1.0)
    assert np.linalg.norm(w1) < np.linalg.norm(w0)
    # with huge l2 the weights vanish and the bias alone fits the base rate: sigmoid(b) = mean(y)
    w2, b2, _ = sol.fit_logistic_regression(X, y, lr=0.02, n_iters=4000, l2=50.0)
    assert np.allclose(w2, 0, atol=0.02) and np.isclose(_sigmoid(np.array([b2]))[0], y.mean(), atol=1e-3)


def test_numeric_separable_large_features(sol):
    rng = np.random.default_rng(7)
    X = np.concatenate([rng.uniform(-2000, -500, size=(10, 1)), rng.uniform(500, 2000, size=(10, 1))])
    y = np.array([0] * 10 + [1] * 10)
    _, _, losses = _check(sol, X, y, 0.1, 20, 0.0)
    assert np.all(np.isfinite(losses)), "the loss must stay finite when sigmoid saturates"


def test_numeric_unscaled_features_with_noisy_labels(sol):
    # features in the hundreds and three flipped labels: a few steps in, some examples sit on the wrong side
    # with logits of 50 or more, and each of them costs softplus(z) - y z (about |z|), however large that is
    rng = np.random.default_rng(10)
    X = rng.normal(size=(40, 2)) * 100
    y = (X @ np.array([1.0, -0.5]) > 0).astype(np.int64)
    y[:3] = 1 - y[:3]
    _, _, losses = sol.fit_logistic_regression(X, y, lr=0.01, n_iters=30, l2=0.0)
    _, _, losses_ref = _reference(X, y, 0.01, 30, 0.0)
    losses = np.asarray(losses, dtype=float)
    assert np.all(np.isfinite(losses)), "the loss must stay finite when sigmoid saturates"
    assert losses.shape == losses_ref.shape and np.allclose(losses, losses_ref, rtol=RTOL, atol=ATOL), (
        "loss history differs once logits are large: a confidently wrong example's loss grows with |z|, "
        "without a cap"
    )
    _check(sol, X, y, 0.01, 30, 0.0)


def test_numeric_predict_proba_extreme_logits(sol):
    X = np.array([[800.0], [-800.0], [40.0], [-40.0]])
    p = np.asarray(sol.predict_proba(X, np.array([1.0]), 0.0))
    assert np.all(np.isfinite(p)) and np.all((p >= 0) & (p <= 1))
    assert np.allclose(p, _sigmoid(X[:, 0]), rtol=1e-12, atol=1e-15)


def test_numeric_float32_inputs(sol):
    # Separable clusters: after 200 steps the mean loss is ~1e-3, made of softplus(z) - y z with |z| up to ~10,
    # a difference of nearly equal numbers. Evaluated in float32 the history is off by ~1e-5 relative, 100x
    # the tolerance; in float64 on the float32 values it matches to rtol=1e-7.
    rng = np.random.default_rng(11)
    y = np.array([0] * 15 + [1] * 15)
    X32 = (rng.normal(size=(30, 2)) * 0.5 + np.where(y[:, None] == 1, 2.0, -2.0)).astype(np.float32)
    X = X32.astype(np.float64)
    w, b, losses = sol.fit_logistic_regression(X32, y, lr=1.0, n_iters=200, l2=0.0)
    assert np.asarray(w).dtype == np.float64, "w must be a float64 array for float32 X too"
    w_ref, b_ref, losses_ref = _reference(X, y, 1.0, 200, 0.0)
    msg = "float32 X: compute in float64 (rtol=1e-7, atol=1e-10 against the float64 run)"
    assert np.allclose(w, w_ref, rtol=RTOL, atol=ATOL), msg
    assert np.isclose(b, b_ref, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(losses, losses_ref, rtol=RTOL, atol=ATOL), msg

    # predict_proba on features near 1000 with float32 weights: the logits (about -25 to -35) come from
    # cancelling terms near 30, so float32 gets them wrong by ~1e-6 and the tiny probabilities by ~1e-6 relative
    X32 = rng.uniform(900.0, 1100.0, size=(20, 2)).astype(np.float32)
    w32 = np.array([0.03, -0.03], dtype=np.float32)
    p = np.asarray(sol.predict_proba(X32, w32, -30.0))
    p_ref = _sigmoid(X32.astype(np.float64) @ w32.astype(np.float64) - 30.0)
    assert p.dtype == np.float64, "predict_proba must return float64 for float32 inputs too"
    assert np.allclose(p, p_ref, rtol=1e-9, atol=0.0), (
        "float32 X, w: compute the logits in float64 (rtol=1e-9, atol=0 on probabilities down to ~1e-16)"
    )
