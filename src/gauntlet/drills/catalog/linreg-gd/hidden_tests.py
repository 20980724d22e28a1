import numpy as np

RTOL, ATOL = 1e-7, 1e-10


def _reference(X, y, lr, n_iters):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    r = X @ w + b - y
    losses = [np.mean(r**2)]
    for _ in range(n_iters):
        gw, gb = 2.0 * X.T @ r / n, 2.0 * r.sum() / n
        w, b = w - lr * gw, b - lr * gb
        r = X @ w + b - y
        losses.append(np.mean(r**2))
    return w, b, np.array(losses)


def _problem(seed, n, d, noise=0.1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w_true = rng.normal(size=d)
    y = X @ w_true + 0.7 + noise * rng.normal(size=n)
    return X, y


def _check_against_reference(sol, X, y, lr, n_iters):
    w, b, losses = sol.fit_linear_regression_gd(X, y, lr=lr, n_iters=n_iters)
    w_ref, b_ref, losses_ref = _reference(X, y, lr, n_iters)
    assert np.allclose(w, w_ref, rtol=RTOL, atol=ATOL), "weights differ from the specified update rule"
    assert np.isclose(b, b_ref, rtol=RTOL, atol=ATOL), "bias differs from the specified update rule"
    assert np.allclose(losses, losses_ref, rtol=RTOL, atol=ATOL), "loss history differs"


def test_edge_zero_iterations(sol):
    X, y = _problem(0, 5, 2)
    w, b, losses = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=0)
    assert np.all(np.asarray(w) == 0.0) and b == 0.0
    assert np.allclose(losses, [np.mean(y**2)], rtol=RTOL, atol=ATOL)


def test_edge_single_sample(sol):
    X, y = np.array([[2.0, -1.0]]), np.array([3.0])
    _check_against_reference(sol, X, y, lr=0.05, n_iters=25)


def test_edge_constant_column(sol):
    X, y = _problem(1, 40, 3)
    X[:, 1] = 1.0  # zero-variance feature, collinear with the bias
    _check_against_reference(sol, X, y, lr=0.05, n_iters=200)


def test_edge_intercept_only(sol):
    # all features zero: only the bias can move, towards mean(y)
    X = np.zeros((6, 2))
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    w, b, _ = sol.fit_linear_regression_gd(X, y, lr=0.25, n_iters=200)
    assert np.allclose(w, 0.0) and np.isclose(b, 3.5, atol=1e-8), "the bias must converge to mean(y)"


def test_shape_outputs(sol):
    X, y = _problem(2, 30, 4)
    w, b, losses = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=7)
    w = np.asarray(w)
    assert w.shape == (4,) and w.dtype.kind == "f"
    assert np.ndim(b) == 0, "b is a scalar"
    assert np.asarray(losses).shape == (8,), "losses has n_iters + 1 entries"


def test_random_trajectories(sol):
    for seed, (n, d, lr, iters) in enumerate([(20, 1, 0.1, 50), (100, 5, 0.05, 300), (7, 10, 0.02, 100)]):
        X, y = _problem(10 + seed, n, d)
        _check_against_reference(sol, X, y, lr, iters)


def test_property_loss_non_increasing(sol):
    X, y = _problem(3, 200, 6)
    # lr below 1/λ_max of the loss Hessian guarantees monotone descent
    X1 = np.column_stack([X, np.ones(len(X))])
    lr = 0.9 / np.linalg.eigvalsh(2.0 * X1.T @ X1 / len(X)).max()
    _, _, losses = sol.fit_linear_regression_gd(X, y, lr=lr, n_iters=300)
    losses = np.asarray(losses)
    assert np.all(np.diff(losses) <= 1e-12), "the loss must not increase with a safe learning rate"


def test_property_converges_to_least_squares(sol):
    X, y = _problem(4, 80, 3)
    w, b, _ = sol.fit_linear_regression_gd(X, y, lr=0.1, n_iters=3000)
    X1 = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(X1, y, rcond=None)
    assert np.allclose(w, coef[:-1], atol=1e-6) and np.isclose(b, coef[-1], atol=1e-6)


def test_numeric_divergence_is_reported_not_hidden(sol):
    # far too large a step: the loss must grow (no clipping, no silent early exit)
    X, y = _problem(5, 50, 2)
    _, _, losses = sol.fit_linear_regression_gd(X, y, lr=5.0, n_iters=10)
    losses = np.asarray(losses)
    assert losses.shape == (11,) and losses[-1] > losses[0] * 1e3
    _check_against_reference(sol, X, y, lr=5.0, n_iters=10)


def test_numeric_float32_inputs(sol):
    # Targets near 1000 with noise 0.1: once the fit is close, each residual is a small difference of numbers
    # near 1000, so float32 arithmetic (relative error ~6e-8, i.e. ~6e-5 absolute here) moves the loss history
    # by ~1e-3 relative. Run in float64 on the float32 values, the trajectory matches to rtol=1e-7.
    X, y = _problem(6, 60, 3)
    X32, y32 = X.astype(np.float32), (y + 1000.0).astype(np.float32)
    w, b, losses = sol.fit_linear_regression_gd(X32, y32, lr=0.1, n_iters=200)
    assert np.asarray(w).dtype == np.float64, "w must be a float64 array for float32 inputs too"
    w_ref, b_ref, losses_ref = _reference(X32.astype(np.float64), y32.astype(np.float64), 0.1, 200)
    msg = "float32 X, y: compute in float64 (rtol=1e-7, atol=1e-10 against the float64 run)"
    assert np.allclose(w, w_ref, rtol=RTOL, atol=ATOL), msg
    assert np.isclose(b, b_ref, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(losses, losses_ref, rtol=RTOL, atol=ATOL), msg
