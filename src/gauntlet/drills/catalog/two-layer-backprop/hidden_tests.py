import numpy as np

RTOL, ATOL = 1e-7, 1e-10
FD_RTOL, FD_ATOL = 1e-4, 1e-7
NAMES = ("W1", "b1", "W2", "b2")


def _reference(X, y, params, reg):
    W1, b1, W2, b2 = params
    n = len(y)
    a = X @ W1 + b1
    h = np.maximum(a, 0)
    z = h @ W2 + b2
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(n), y].mean() + reg / 2 * ((W1**2).sum() + (W2**2).sum())
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    dz /= n
    da = dz @ W2.T * (a > 0)
    return loss, {"W1": X.T @ da + reg * W1, "b1": da.sum(0), "W2": h.T @ dz + reg * W2, "b2": dz.sum(0)}


def _problem(seed, n, d, h, k, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    params = [
        rng.normal(size=(d, h)) * scale / np.sqrt(d),
        rng.normal(size=h) * 0.1,
        rng.normal(size=(h, k)) * scale / np.sqrt(h),
        rng.normal(size=k) * 0.1,
    ]
    return X, rng.integers(0, k, size=n), params


def _call(sol, X, y, params, reg):
    loss, grads = sol.two_layer_forward_backward(X, y, *params, reg)
    assert set(grads) >= set(NAMES), "grads has keys W1, b1, W2, b2"
    grads = {name: np.asarray(grads[name], dtype=float) for name in NAMES}
    for name, p in zip(NAMES, params):
        assert grads[name].shape == np.shape(p), f"grads['{name}'] has the shape of {name}"
    return float(loss), grads


def _check_reference(sol, X, y, params, reg):
    loss, grads = _call(sol, X, y, params, reg)
    ref_loss, ref_grads = _reference(X, y, params, reg)
    assert np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL), "loss differs"
    for name in NAMES:
        assert np.allclose(grads[name], ref_grads[name], rtol=RTOL, atol=ATOL), f"gradient of {name} differs"


def _check_finite_differences(sol, X, y, params, reg, h=1e-5):
    _, grads = _call(sol, X, y, params, reg)
    for which, name in enumerate(NAMES):
        numeric = np.zeros_like(params[which])
        for idx in np.ndindex(params[which].shape):
            plus = [p.copy() for p in params]
            minus = [p.copy() for p in params]
            plus[which][idx] += h
            minus[which][idx] -= h
            numeric[idx] = (_call(sol, X, y, plus, reg)[0] - _call(sol, X, y, minus, reg)[0]) / (2 * h)
        assert np.allclose(grads[name], numeric, rtol=FD_RTOL, atol=FD_ATOL), (
            f"gradient of {name} disagrees with finite differences of your loss"
        )


def test_edge_single_example(sol):
    X, y, params = _problem(0, 1, 3, 4, 3)
    _check_reference(sol, X, y, params, 0.0)


def test_edge_all_hidden_units_dead(sol):
    X, y, params = _problem(1, 6, 3, 4, 2)
    params[0] = -np.abs(params[0])
    params[1] = -np.ones(4) * 5.0
    X = np.abs(X)  # every pre-activation is negative
    _loss, grads = _call(sol, X, y, params, 0.0)
    assert np.allclose(grads["W1"], 0) and np.allclose(grads["b1"], 0) and np.allclose(grads["W2"], 0)
    _check_reference(sol, X, y, params, 0.0)


def test_edge_single_class_and_single_unit(sol):
    X, y, params = _problem(2, 5, 2, 1, 1)
    loss, grads = _call(sol, X, y, params, 0.0)
    assert np.isclose(loss, 0.0, atol=1e-12), "with one class the cross-entropy is 0"
    assert all(np.allclose(grads[name], 0.0, atol=1e-12) for name in NAMES)


def test_shape_rectangular_layers(sol):
    X, y, params = _problem(3, 7, 5, 2, 4)
    _check_reference(sol, X, y, params, 0.1)


def test_random_against_reference(sol):
    for seed, (n, d, h, k, reg) in enumerate(
        [(10, 4, 8, 3, 0.0), (64, 20, 32, 10, 1e-3), (3, 1, 50, 2, 0.5)]
    ):
        X, y, params = _problem(10 + seed, n, d, h, k)
        _check_reference(sol, X, y, params, reg)


def test_property_finite_differences(sol):
    X, y, params = _problem(4, 5, 4, 6, 3)
    _check_finite_differences(sol, X, y, params, 0.0)


def test_property_finite_differences_with_reg(sol):
    X, y, params = _problem(5, 4, 3, 5, 4)
    _check_finite_differences(sol, X, y, params, 0.3)


def test_property_gradient_step_decreases_loss(sol):
    X, y, params = _problem(6, 30, 6, 10, 4)
    loss, grads = _call(sol, X, y, params, 0.01)
    stepped = [p - 1e-3 * grads[name] for p, name in zip(params, NAMES)]
    assert _call(sol, X, y, stepped, 0.01)[0] < loss, "a small step against the gradient lowers the loss"


def test_property_batch_order_irrelevant(sol):
    X, y, params = _problem(7, 12, 4, 6, 3)
    perm = np.random.default_rng(7).permutation(12)
    a_loss, a = _call(sol, X, y, params, 0.05)
    b_loss, b = _call(sol, X[perm], y[perm], params, 0.05)
    assert np.isclose(a_loss, b_loss, rtol=1e-12) and all(
        np.allclose(a[k], b[k], rtol=1e-9, atol=1e-12) for k in NAMES
    )


def test_numeric_huge_logits(sol):
    X, y, params = _problem(8, 6, 4, 5, 3, scale=1000.0)
    loss, grads = _call(sol, X, y, params, 0.0)
    assert np.isfinite(loss) and all(np.all(np.isfinite(grads[k])) for k in NAMES), (
        "no overflow with huge logits"
    )
    _check_reference(sol, X, y, params, 0.0)


def test_numeric_float32_inputs(sol):
    # float32 batch and weights (the usual training dtype) with logits up to ~25: float32 products and the
    # softmax are off by ~1e-7 relative, and gradients built from small differences P - Y lose more, outside
    # rtol=1e-7. Computed in float64, the float32 values give the float64 loss and gradients.
    X, y, params = _problem(9, 32, 16, 24, 5, scale=3.0)
    X32, params32 = X.astype(np.float32), [p.astype(np.float32) for p in params]
    loss, grads = sol.two_layer_forward_backward(X32, y, *params32, 1e-3)
    assert all(np.asarray(grads[name]).dtype == np.float64 for name in NAMES), (
        "every gradient must be float64 for float32 inputs too"
    )
    ref_loss, ref_grads = _reference(X32.astype(np.float64), y, [p.astype(np.float64) for p in params32], 1e-3)
    msg = "float32 inputs: compute in float64 (rtol=1e-7, atol=1e-10 against the float64 result)"
    assert np.isclose(float(loss), ref_loss, rtol=RTOL, atol=ATOL), msg
    for name, p in zip(NAMES, params):
        assert np.asarray(grads[name]).shape == p.shape, f"grads['{name}'] has the shape of {name}"
        assert np.allclose(grads[name], ref_grads[name], rtol=RTOL, atol=ATOL), f"{name}: {msg}"
