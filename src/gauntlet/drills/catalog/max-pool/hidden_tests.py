import numpy as np


def _pair(value):
    return (int(value), int(value)) if np.ndim(value) == 0 else (int(value[0]), int(value[1]))


def _reference(x, kernel_size, stride=None, grad_out=None):
    # window by window, scanning each window in row-major order and keeping the first strict maximum
    x = np.asarray(x)
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.empty((n, c, h_out, w_out), dtype=x.dtype)
    grad_x = None if grad_out is None else np.zeros(x.shape, dtype=np.asarray(grad_out).dtype)
    for i_n, i_c, i, j in np.ndindex(n, c, h_out, w_out):
        best, where = None, None
        for u in range(kh):
            for v in range(kw):
                value = x[i_n, i_c, i * sh + u, j * sw + v]
                if best is None or value > best:
                    best, where = value, (i * sh + u, j * sw + v)
        out[i_n, i_c, i, j] = best
        if grad_x is not None:
            grad_x[i_n, i_c, where[0], where[1]] += grad_out[i_n, i_c, i, j]
    return out if grad_out is None else grad_x


def _pool(sol, x, kernel_size, stride=None):
    out = np.asarray(sol.max_pool2d(x, kernel_size, stride))
    expected = _reference(x, kernel_size, stride)
    assert out.shape == expected.shape, f"expected output shape {expected.shape}, got {out.shape}"
    assert out.dtype == np.asarray(x).dtype, f"the output keeps x's dtype {np.asarray(x).dtype}, got {out.dtype}"
    assert np.array_equal(out, expected), "pooled values differ from the window maxima"
    return out


def _backward(sol, grad_out, x, kernel_size, stride=None):
    grad = np.asarray(sol.max_pool2d_backward(grad_out, x, kernel_size, stride))
    assert grad.shape == np.shape(x), f"grad_x must have x's shape {np.shape(x)}, got {grad.shape}"
    assert grad.dtype == np.asarray(grad_out).dtype, "grad_x keeps grad_out's dtype"
    expected = _reference(x, kernel_size, stride, grad_out)
    assert np.allclose(grad, expected, rtol=1e-12, atol=1e-12), (
        "gradient differs: each window's gradient goes to its first maximum; overlapping windows add up"
    )
    return grad


def _case(sol, x, kernel_size, stride=None, seed=0):
    out = _pool(sol, x, kernel_size, stride)
    grad_out = np.random.default_rng(seed).normal(size=out.shape)
    return _backward(sol, grad_out, x, kernel_size, stride)


def test_edge_all_negative_windows(sol):
    x = -np.arange(1.0, 33.0).reshape(1, 2, 4, 4)
    _case(sol, x, 2)


def test_edge_window_is_the_whole_map(sol):
    x = np.random.default_rng(1).normal(size=(3, 2, 5, 4))
    out = _pool(sol, x, (5, 4))
    assert np.array_equal(out[:, :, 0, 0], x.max(axis=(2, 3)))
    _case(sol, x, (5, 4))


def test_edge_constant_input_ties(sol):
    x = np.full((2, 3, 4, 6), 1.5)
    grad = _case(sol, x, 2)
    assert np.count_nonzero(grad) == 2 * 3 * 2 * 3, "ties: exactly one element per window gets the gradient"


def test_edge_ties_inside_windows(sol):
    rng = np.random.default_rng(2)
    x = rng.integers(0, 3, size=(2, 2, 6, 6)).astype(float)  # many tied maxima
    _case(sol, x, 3, 3, seed=3)
    _case(sol, x, 2, 1, seed=4)


def test_edge_uncovered_rows_and_columns(sol):
    x = np.random.default_rng(5).normal(size=(1, 1, 7, 5))
    grad = _case(sol, x, 2)  # 3 x 2 output: row 6 and column 4 are never in a window
    assert not grad[0, 0, 6].any() and not grad[0, 0, :, 4].any()


def test_shape_rectangular_windows_and_strides(sol):
    x = np.random.default_rng(6).normal(size=(2, 3, 9, 10))
    _case(sol, x, (3, 2), (2, 3), seed=7)
    _case(sol, x, (2, 4), None, seed=8)
    _case(sol, x, 1, 2, seed=9)


def test_random_overlapping_windows(sol):
    rng = np.random.default_rng(10)
    for _ in range(10):
        k = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        s = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        x = np.round(rng.normal(size=(2, 2, int(rng.integers(k[0], 9)), int(rng.integers(k[1], 9)))), 1)
        _case(sol, x, k, s, seed=int(rng.integers(1000)))


def test_property_gradient_total_is_conserved(sol):
    rng = np.random.default_rng(11)
    x = rng.integers(0, 4, size=(3, 2, 8, 8)).astype(float)
    grad_out = rng.normal(size=(3, 2, 6, 6))
    grad = np.asarray(sol.max_pool2d_backward(grad_out, x, 3, 1))
    assert np.isclose(grad.sum(), grad_out.sum(), rtol=1e-12), "grad_x.sum() must equal grad_out.sum()"


def test_property_monotone_map_keeps_the_argmax(sol):
    rng = np.random.default_rng(12)
    x = rng.normal(size=(2, 3, 6, 6))
    grad_out = np.ones((2, 3, 3, 3))
    a = np.asarray(sol.max_pool2d_backward(grad_out, x, 2))
    b = np.asarray(sol.max_pool2d_backward(grad_out, np.exp(x), 2))
    assert np.array_equal(a, b), "an increasing function of x does not move the maxima"
    assert np.allclose(np.asarray(sol.max_pool2d(np.exp(x), 2)), np.exp(np.asarray(sol.max_pool2d(x, 2))))


def test_numeric_infinities_and_float32(sol):
    x = np.array([[[[-np.inf, -np.inf, 1.0, np.inf], [-np.inf, -np.inf, np.inf, 2.0]]]])
    _case(sol, x, 2)
    x32 = np.random.default_rng(13).normal(size=(2, 2, 6, 6)).astype(np.float32)
    out = _pool(sol, x32, 2)
    grad = np.asarray(sol.max_pool2d_backward(np.ones(out.shape, dtype=np.float32), x32, 2))
    assert grad.dtype == np.float32 and grad.sum() == out.size


def test_numeric_realistic_batch(sol):
    rng = np.random.default_rng(14)
    x = np.round(rng.normal(size=(16, 32, 32, 32)), 1)  # rounding makes ties common
    out = np.asarray(sol.max_pool2d(x, 2))
    blocks = x.reshape(16, 32, 16, 2, 16, 2).transpose(0, 1, 2, 4, 3, 5).reshape(16, 32, 16, 16, 4)
    assert np.array_equal(out, blocks.max(axis=-1)), "pooled values differ from the window maxima"
    grad_out = rng.normal(size=out.shape)
    grad = np.asarray(sol.max_pool2d_backward(grad_out, x, 2))
    first = blocks.argmax(axis=-1)  # non-overlapping 2x2 windows: the first maximum in row-major order
    expected = np.zeros((16, 32, 16, 16, 4))
    np.put_along_axis(expected, first[..., None], grad_out[..., None], axis=-1)
    expected = expected.reshape(16, 32, 16, 16, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(x.shape)
    assert np.allclose(grad, expected, rtol=1e-12, atol=1e-12), "gradient differs on a large batch"
