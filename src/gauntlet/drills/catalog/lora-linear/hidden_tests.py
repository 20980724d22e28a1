import numpy as np

RTOL, ATOL = 1e-9, 1e-10


def _reference(x, W, b, A, B, alpha, dy=None):
    # through the merged matrix: a different route from the bottleneck
    x, W, A, B = (np.asarray(a, dtype=np.float64) for a in (x, W, A, B))
    s = alpha / A.shape[0]
    merged = W + s * B @ A
    y = x @ merged.T + (0.0 if b is None else np.asarray(b, dtype=np.float64))
    if dy is None:
        return y, merged
    dy = np.asarray(dy, dtype=np.float64)
    d_weight = dy.T @ x  # the gradient the full matrix would get, (d_out, d_in)
    return dy @ merged, s * B.T @ d_weight, s * d_weight @ A.T


def _layer(seed, n, d_in, d_out, r, zero_b=False):
    rng = np.random.default_rng(seed)
    B = np.zeros((d_out, r)) if zero_b else rng.normal(size=(d_out, r))
    return (rng.normal(size=(n, d_in)), rng.normal(size=(d_out, d_in)) / np.sqrt(d_in), rng.normal(size=d_out),
            rng.normal(size=(r, d_in)) / np.sqrt(d_in), B)


def _forward(sol, x, W, b, A, B, alpha):
    y = np.asarray(sol.lora_forward(x, W, b, A, B, alpha))
    assert y.shape == (np.shape(x)[0], np.shape(W)[0]) and y.dtype == np.float64, "y: float64 (n, d_out)"
    return y


def _backward(sol, x, dy, W, A, B, alpha):
    out = sol.lora_backward(x, dy, W, A, B, alpha)
    assert len(out) == 3, "return (dx, dA, dB)"
    dx, d_a, d_b = (np.asarray(g) for g in out)
    assert dx.shape == np.shape(x), f"dx must have x's shape {np.shape(x)}, got {dx.shape}"
    assert d_a.shape == np.shape(A), f"dA must have A's shape {np.shape(A)}, got {d_a.shape}"
    assert d_b.shape == np.shape(B), f"dB must have B's shape {np.shape(B)}, got {d_b.shape}"
    assert dx.dtype == d_a.dtype == d_b.dtype == np.float64, "return float64 gradients"
    return dx, d_a, d_b


def _check(sol, x, W, b, A, B, alpha, dy):
    ref_y, ref_merged = _reference(x, W, b, A, B, alpha)
    assert np.allclose(_forward(sol, x, W, b, A, B, alpha), ref_y, rtol=RTOL, atol=ATOL), "forward output differs"
    merged = np.asarray(sol.lora_merge(W, A, B, alpha))
    assert merged.shape == np.shape(W) and np.allclose(merged, ref_merged, rtol=RTOL, atol=ATOL), "merged W differs"
    for name, got, ref in zip(("dx", "dA", "dB"), _backward(sol, x, dy, W, A, B, alpha),
                              _reference(x, W, b, A, B, alpha, dy)):
        assert np.allclose(got, ref, rtol=RTOL, atol=ATOL), f"{name} differs from the reference"


def test_edge_zero_b_initialisation(sol):
    x, W, b, A, B = _layer(0, 6, 8, 5, 3, zero_b=True)
    dy = np.random.default_rng(1).normal(size=(6, 5))
    _check(sol, x, W, b, A, B, 16.0, dy)
    dx, d_a, d_b = _backward(sol, x, dy, W, A, B, 16.0)
    assert np.all(d_a == 0) and np.any(d_b != 0), "with B = 0, dA is exactly 0 and dB is not"
    assert np.allclose(dx, dy @ W, rtol=RTOL, atol=ATOL), "with B = 0 the input gradient is the base layer's"


def test_edge_rank_one_and_no_bias(sol):
    x, W, _, A, B = _layer(2, 4, 6, 3, 1)
    _check(sol, x, W, None, A, B, 1.0, np.ones((4, 3)))


def test_edge_single_row(sol):
    x, W, b, A, B = _layer(3, 1, 5, 7, 2)
    _check(sol, x, W, b, A, B, 4.0, np.arange(7.0)[None, :])


def test_shape_rank_equal_to_width(sol):
    x, W, b, A, B = _layer(4, 3, 4, 4, 4)
    _check(sol, x, W, b, A, B, 2.0, np.ones((3, 4)))


def test_random_layers(sol):
    rng = np.random.default_rng(5)
    for _ in range(10):
        n, d_in, d_out, r = (int(rng.integers(1, 12)) for _ in range(4))
        x, W, b, A, B = _layer(int(rng.integers(1000)), n, d_in, d_out, r)
        _check(sol, x, W, b if rng.random() < 0.5 else None, A, B, float(rng.choice([1.0, 8.0, 16.0, 32.0])),
               rng.normal(size=(n, d_out)))


def test_property_gradients_match_finite_differences(sol):
    x, W, b, A, B = _layer(6, 3, 4, 3, 2)
    w = np.random.default_rng(7).normal(size=(3, 3))
    h = 1e-6

    def loss(x_, A_, B_):
        return float(np.sum(w * _forward(sol, x_, W, b, A_, B_, 8.0)))

    dx, d_a, d_b = _backward(sol, x, w, W, A, B, 8.0)
    for name, arg, grad in (("x", 0, dx), ("A", 1, d_a), ("B", 2, d_b)):
        params = [x, A, B]
        numeric = np.zeros_like(params[arg])
        for idx in np.ndindex(params[arg].shape):
            up, down = [p.copy() for p in params], [p.copy() for p in params]
            up[arg][idx] += h
            down[arg][idx] -= h
            numeric[idx] = (loss(*up) - loss(*down)) / (2 * h)
        assert np.allclose(grad, numeric, rtol=1e-5, atol=1e-7), f"d{name} disagrees with finite differences"


def test_property_merged_layer_gives_the_same_outputs(sol):
    x, W, b, A, B = _layer(8, 10, 16, 12, 4)
    merged = np.asarray(sol.lora_merge(W, A, B, 32.0))
    y = _forward(sol, x, W, b, A, B, 32.0)
    assert np.allclose(x @ merged.T + b, y, rtol=RTOL, atol=ATOL), "serving the merged W must not change y"


def test_property_doubling_alpha_doubles_the_update(sol):
    x, W, b, A, B = _layer(9, 5, 6, 4, 2)
    base = x @ W.T + b
    y1, y2 = _forward(sol, x, W, b, A, B, 4.0), _forward(sol, x, W, b, A, B, 8.0)
    assert np.allclose(y2 - base, 2 * (y1 - base), rtol=1e-9, atol=1e-10)


def test_numeric_float32_inputs(sol):
    x, W, b, A, B = _layer(10, 4, 6, 5, 2)
    args32 = [a.astype(np.float32) for a in (x, W, b, A, B)]
    dy = np.ones((4, 5), dtype=np.float32)
    _check(sol, *args32, 16.0, dy)


def test_numeric_realistic_width(sol):
    x, W, b, A, B = _layer(11, 64, 512, 512, 8)
    dy = np.random.default_rng(12).normal(size=(64, 512))
    _check(sol, x, W, b, A, B, 16.0, dy)
