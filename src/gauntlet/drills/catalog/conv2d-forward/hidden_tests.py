import numpy as np

RTOL, ATOL = 1e-9, 1e-9


def _pair(value):
    return (int(value), int(value)) if np.ndim(value) == 0 else (int(value[0]), int(value[1]))


def _reference(x, w, b=None, stride=1, padding=0):
    # straight from the formula: one dot product per output element (small inputs only)
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    n, _, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (wd + 2 * pw - kw) // sw + 1
    x_pad = np.zeros((n, x.shape[1], h + 2 * ph, wd + 2 * pw))
    x_pad[:, :, ph : ph + h, pw : pw + wd] = x
    out = np.zeros((n, f, h_out, w_out))
    for i_n in range(n):
        for i_f in range(f):
            for i in range(h_out):
                for j in range(w_out):
                    patch = x_pad[i_n, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
                    out[i_n, i_f, i, j] = np.sum(patch * w[i_f]) + (0.0 if b is None else b[i_f])
    return out


def _reference_by_offsets(x, w, b, stride, padding):
    # for large inputs: one strided slice per kernel offset (u, v), summed over the KH * KW offsets
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    n, _, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (wd + 2 * pw - kw) // sw + 1
    x_pad = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    out = np.zeros((n, f, h_out, w_out)) + np.asarray(b, dtype=np.float64)[None, :, None, None]
    for u in range(kh):
        for v in range(kw):
            part = x_pad[:, :, u : u + sh * (h_out - 1) + 1 : sh, v : v + sw * (w_out - 1) + 1 : sw]
            out += np.einsum("nchw,fc->nfhw", part, w[:, :, u, v])
    return out


def _conv(sol, x, w, b=None, stride=1, padding=0):
    out = np.asarray(sol.conv2d(x, w, b, stride, padding))
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    expected_shape = (np.shape(x)[0], np.shape(w)[0], (np.shape(x)[2] + 2 * ph - np.shape(w)[2]) // sh + 1,
                      (np.shape(x)[3] + 2 * pw - np.shape(w)[3]) // sw + 1)
    assert out.shape == expected_shape, f"expected output shape {expected_shape}, got {out.shape}"
    assert out.dtype == np.float64, f"return float64, got {out.dtype}"
    return out


def _check(sol, x, w, b=None, stride=1, padding=0):
    out = _conv(sol, x, w, b, stride, padding)
    assert np.allclose(out, _reference(x, w, b, stride, padding), rtol=RTOL, atol=ATOL), (
        "output differs from the reference convolution"
    )
    return out


def _data(seed, n, c, h, wd, f, kh, kw):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, c, h, wd)), rng.normal(size=(f, c, kh, kw)), rng.normal(size=f)


def test_edge_one_by_one_kernel_mixes_channels(sol):
    x, w, b = _data(0, 2, 3, 4, 5, 6, 1, 1)
    out = _check(sol, x, w, b)
    assert np.allclose(out, np.einsum("nchw,fc->nfhw", x, w[:, :, 0, 0]) + b[None, :, None, None]), (
        "a 1x1 convolution is a matrix product over the channels at every pixel"
    )


def test_edge_kernel_covers_the_whole_input(sol):
    x, w, b = _data(1, 3, 2, 4, 4, 5, 6, 6)
    _check(sol, x, w, b, padding=1)


def test_edge_empty_batch(sol):
    x, w, b = _data(2, 0, 3, 5, 5, 4, 3, 3)
    out = _conv(sol, x, w, b, padding=1)
    assert out.size == 0


def test_edge_stride_leaves_rows_unused(sol):
    x, w, b = _data(3, 1, 2, 6, 7, 3, 3, 2)
    _check(sol, x, w, b, stride=2)  # H_out = floor(3 / 2) + 1 = 2: the last input row is never read


def test_edge_padding_wider_than_kernel(sol):
    x, w, b = _data(4, 1, 1, 3, 3, 2, 2, 2)
    out = _check(sol, x, w, b, padding=3)
    assert np.allclose(out[:, :, 0, :], b[None, :, None]), "windows over padding only give the bias"


def test_shape_rectangular_kernel_stride_and_padding(sol):
    x, w, b = _data(5, 2, 3, 9, 8, 4, 3, 2)
    _check(sol, x, w, b, stride=(2, 3), padding=(1, 2))
    _check(sol, x, w, None, stride=(1, 2), padding=(0, 1))


def test_random_configurations(sol):
    rng = np.random.default_rng(6)
    for _ in range(12):
        kh, kw = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        ph, pw = int(rng.integers(0, 3)), int(rng.integers(0, 3))
        h, wd = int(rng.integers(kh, 9)), int(rng.integers(kw, 9))
        x, w, b = _data(int(rng.integers(1000)), int(rng.integers(1, 3)), int(rng.integers(1, 4)), h, wd,
                        int(rng.integers(1, 4)), kh, kw)
        stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        _check(sol, x, w, b if rng.random() < 0.7 else None, stride, (ph, pw))


def test_property_identity_kernel_copies_the_input(sol):
    x = np.random.default_rng(7).normal(size=(2, 3, 5, 6))
    w = np.zeros((3, 3, 3, 3))
    for c in range(3):
        w[c, c, 1, 1] = 1.0
    out = _conv(sol, x, w, None, 1, 1)
    assert np.allclose(out, x, rtol=RTOL, atol=ATOL), "a centred one-hot 3x3 kernel with padding 1 is the identity"


def test_property_linear_in_the_input(sol):
    rng = np.random.default_rng(8)
    x1, w, _ = _data(9, 2, 3, 6, 6, 4, 3, 3)
    x2 = rng.normal(size=x1.shape)
    lhs = _conv(sol, 2.5 * x1 - x2, w, None, 2, 1)
    rhs = 2.5 * _conv(sol, x1, w, None, 2, 1) - _conv(sol, x2, w, None, 2, 1)
    assert np.allclose(lhs, rhs, rtol=RTOL, atol=ATOL), "without bias the layer is linear in x"


def test_property_translation_equivariant(sol):
    x, w, b = _data(10, 1, 2, 8, 9, 3, 3, 3)
    full = _conv(sol, x, w, b)
    shifted = _conv(sol, x[:, :, 1:, 2:], w, b)
    assert np.allclose(shifted, full[:, :, 1:, 2:], rtol=RTOL, atol=ATOL), (
        "shifting the input shifts the output (stride 1, no padding)"
    )


def test_numeric_float32_inputs_computed_in_float64(sol):
    x, w, b = _data(11, 2, 3, 7, 7, 4, 3, 3)
    x32, w32, b32 = x.astype(np.float32), w.astype(np.float32), b.astype(np.float32)
    out = _conv(sol, x32, w32, b32, 1, 1)
    assert np.allclose(out, _reference(x32, w32, b32, 1, 1), rtol=RTOL, atol=ATOL), (
        "float32 inputs: convert to float64 first, then compute"
    )


def test_numeric_large_magnitudes(sol):
    x, w, b = _data(12, 1, 2, 5, 5, 2, 3, 3)
    _check(sol, x * 1e150, w * 1e140, b * 1e290)


def test_numeric_realistic_layer(sol):
    x, w, b = _data(13, 8, 16, 32, 32, 32, 3, 3)
    for stride in (1, 2):
        out = _conv(sol, x, w, b, stride, 1)
        assert np.allclose(out, _reference_by_offsets(x, w, b, stride, 1), rtol=RTOL, atol=ATOL), (
            f"output differs from the reference convolution (stride {stride}, padding 1)"
        )
