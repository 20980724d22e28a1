import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-10


def _reference(x, gamma, beta, eps, dy=None):
    # row by row with Python's math (fsum for the sums), straight from the statement
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    rows = x.reshape(-1, d)
    y = np.empty_like(rows)
    x_hat = np.empty_like(rows)
    std = np.empty(len(rows))
    for r, row in enumerate(rows):
        mu = math.fsum(row) / d
        var = math.fsum((v - mu) ** 2 for v in row) / d
        std[r] = math.sqrt(var + eps)
        x_hat[r] = (row - mu) / std[r]
        y[r] = np.asarray(gamma, dtype=np.float64) * x_hat[r] + np.asarray(beta, dtype=np.float64)
    if dy is None:
        return y.reshape(x.shape)
    dy = np.asarray(dy, dtype=np.float64).reshape(-1, d)
    g = dy * np.asarray(gamma, dtype=np.float64)
    dx = np.empty_like(rows)
    for r in range(len(rows)):
        dx[r] = (g[r] - g[r].mean() - x_hat[r] * (g[r] * x_hat[r]).mean()) / std[r]
    return dx.reshape(x.shape), (dy * x_hat).sum(axis=0), dy.sum(axis=0)


def _forward(sol, x, gamma, beta, eps=1e-5):
    y = np.asarray(sol.layer_norm_forward(x, gamma, beta, eps))
    assert y.shape == np.shape(x) and y.dtype == np.float64, "y: float64 array of x's shape"
    return y


def _backward(sol, dy, x, gamma, eps=1e-5):
    out = sol.layer_norm_backward(dy, x, gamma, eps)
    assert len(out) == 3, "return (dx, dgamma, dbeta)"
    dx, dgamma, dbeta = (np.asarray(a) for a in out)
    d = np.shape(x)[-1]
    assert dx.shape == np.shape(x) and dgamma.shape == (d,) and dbeta.shape == (d,), "shapes x.shape, (D,), (D,)"
    assert dx.dtype == dgamma.dtype == dbeta.dtype == np.float64, "return float64 arrays"
    return dx, dgamma, dbeta


def _check(sol, x, gamma, beta, dy, eps=1e-5, rtol=RTOL, atol=ATOL):
    y = _forward(sol, x, gamma, beta, eps)
    assert np.allclose(y, _reference(x, gamma, beta, eps), rtol=rtol, atol=atol), "forward output differs"
    got = _backward(sol, dy, x, gamma, eps)
    ref = _reference(x, gamma, beta, eps, dy)
    for name, a, b in zip(("dx", "dgamma", "dbeta"), got, ref):
        assert np.allclose(a, b, rtol=rtol, atol=atol), f"{name} differs from the reference"


def _data(seed, shape):
    rng = np.random.default_rng(seed)
    d = shape[-1]
    return rng.normal(size=shape) * 2 + 1, rng.normal(size=d), rng.normal(size=d), rng.normal(size=shape)


def test_edge_single_feature(sol):
    x, gamma, beta, dy = _data(0, (4, 1))
    y = _forward(sol, x, gamma, beta)
    assert np.allclose(y, np.broadcast_to(beta, x.shape)), "with D = 1 every x_hat is 0, so y = beta"
    _check(sol, x, gamma, beta, dy)


def test_edge_constant_rows(sol):
    x = np.array([[3.0, 3.0, 3.0], [-1e6, -1e6, -1e6]])
    gamma, beta, dy = np.array([1.0, 2.0, 3.0]), np.array([0.1, 0.2, 0.3]), np.ones((2, 3))
    y = _forward(sol, x, gamma, beta)
    assert np.allclose(y, np.broadcast_to(beta, x.shape)), "a constant row normalises to 0: y = beta, no NaN"
    _check(sol, x, gamma, beta, dy)


def test_edge_single_row(sol):
    x, gamma, beta, dy = _data(1, (1, 7))
    _check(sol, x, gamma, beta, dy)


def test_shape_three_dimensional_tokens(sol):
    x, gamma, beta, dy = _data(2, (2, 5, 8))  # (batch, tokens, features)
    _check(sol, x, gamma, beta, dy)


def test_random_against_reference(sol):
    rng = np.random.default_rng(3)
    for _ in range(8):
        shape = (int(rng.integers(1, 6)), int(rng.integers(2, 20)))
        x, gamma, beta, dy = _data(int(rng.integers(1000)), shape)
        _check(sol, x * 10 ** rng.uniform(-3, 3), gamma, beta, dy, eps=float(10 ** rng.uniform(-8, -2)))


def test_property_gradients_match_finite_differences(sol):
    x, gamma, beta, w = _data(4, (3, 4))
    h = 1e-6

    def loss(x_, gamma_, beta_):
        return float(np.sum(w * _forward(sol, x_, gamma_, beta_, 1e-3)))

    dx, dgamma, dbeta = _backward(sol, w, x, gamma, 1e-3)
    for name, arg, grad in (("x", 0, dx), ("gamma", 1, dgamma), ("beta", 2, dbeta)):
        params = [x, gamma, beta]
        numeric = np.zeros_like(params[arg])
        for idx in np.ndindex(params[arg].shape):
            up, down = [p.copy() for p in params], [p.copy() for p in params]
            up[arg][idx] += h
            down[arg][idx] -= h
            numeric[idx] = (loss(*up) - loss(*down)) / (2 * h)
        assert np.allclose(grad, numeric, rtol=1e-5, atol=1e-7), f"d{name} disagrees with finite differences"


def test_property_shift_and_scale_invariance(sol):
    x, gamma, beta, _ = _data(5, (4, 6))
    base = _forward(sol, x, gamma, beta, 1e-12)
    shifted = _forward(sol, 7.0 * x + 3.0, gamma, beta, 1e-12)
    assert np.allclose(base, shifted, rtol=1e-8, atol=1e-8), "each row is standardised: y ignores a*x + b (a > 0)"


def test_property_statistics_per_row_not_per_batch(sol):
    x, gamma, beta, _ = _data(6, (5, 6))
    y = _forward(sol, x, np.ones(6), np.zeros(6), 0.0)
    assert np.allclose(y.mean(axis=-1), 0.0, atol=1e-12) and np.allclose(y.var(axis=-1), 1.0, rtol=1e-12), (
        "with gamma = 1, beta = 0, eps = 0 every row has mean 0 and (biased) variance 1"
    )
    one = _forward(sol, x[:1], gamma, beta)
    assert np.allclose(one[0], _forward(sol, x, gamma, beta)[0], rtol=RTOL, atol=ATOL), (
        "a row's output must not depend on the other rows of the batch"
    )


def test_property_dx_rows_sum_to_zero(sol):
    x, gamma, _, dy = _data(7, (6, 9))
    dx, _, _ = _backward(sol, dy, x, gamma)
    assert np.allclose(dx.sum(axis=-1), 0.0, atol=1e-10), "every row of dx sums to zero"


def test_numeric_large_offset(sol):
    rng = np.random.default_rng(8)
    x = 1e8 + rng.normal(size=(4, 16))
    gamma, beta, dy = rng.normal(size=16), rng.normal(size=16), rng.normal(size=(4, 16))
    _check(sol, x, gamma, beta, dy, rtol=1e-6, atol=1e-6)


def test_numeric_float32_inputs(sol):
    x, gamma, beta, dy = _data(9, (3, 10))
    x32, g32, b32, dy32 = (a.astype(np.float32) for a in (x, gamma, beta, dy))
    _check(sol, x32, g32, b32, dy32)


def test_numeric_tiny_variance_uses_eps_inside_the_root(sol):
    rng = np.random.default_rng(10)
    x = rng.normal(size=(3, 8)) * 1e-4
    gamma, beta, dy = np.ones(8), np.zeros(8), rng.normal(size=(3, 8))
    _check(sol, x, gamma, beta, dy, eps=1e-5)
