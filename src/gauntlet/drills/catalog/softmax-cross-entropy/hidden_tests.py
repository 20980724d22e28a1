import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _ref_log_softmax(z):
    z = np.asarray(z, dtype=float)
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def _ref_cross_entropy(z, y):
    lp = _ref_log_softmax(z)
    n = len(y)
    grad = np.exp(lp)
    grad[np.arange(n), y] -= 1
    return -lp[np.arange(n), y].mean(), grad / n


def test_edge_single_class(sol):
    z = np.array([[3.0], [-7.0]])
    assert np.allclose(sol.softmax(z), 1.0, rtol=RTOL, atol=ATOL)
    assert np.allclose(sol.log_softmax(z), 0.0, rtol=RTOL, atol=ATOL)
    loss, grad = sol.cross_entropy(z, np.array([0, 0]))
    assert np.isclose(loss, 0.0, atol=ATOL) and np.allclose(grad, 0.0, atol=ATOL)


def test_edge_masked_logits(sol):
    z = np.array([[2.0, -np.inf, 0.0], [-np.inf, -np.inf, 5.0]])
    p = np.asarray(sol.softmax(z))
    assert np.all(p[np.isneginf(z)] == 0.0), "a -inf logit has probability exactly 0"
    assert np.allclose(p.sum(axis=1), 1.0, rtol=RTOL, atol=ATOL)
    lp = np.asarray(sol.log_softmax(z))
    assert np.all(np.isneginf(lp[np.isneginf(z)])), "log_softmax is -inf where the logit is -inf"
    assert np.allclose(lp[np.isfinite(z)], _ref_log_softmax(z)[np.isfinite(z)], rtol=RTOL, atol=ATOL)
    loss, grad = sol.cross_entropy(z, np.array([0, 2]))
    ref_loss, ref_grad = _ref_cross_entropy(z, np.array([0, 2]))
    assert np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL) and np.allclose(
        grad, ref_grad, rtol=RTOL, atol=ATOL
    )


def test_edge_all_equal_logits(sol):
    z = np.full((3, 4), 123.0)
    assert np.allclose(sol.softmax(z), 0.25, rtol=RTOL, atol=ATOL)
    loss, _ = sol.cross_entropy(z, np.array([0, 1, 3]))
    assert np.isclose(loss, np.log(4.0), rtol=RTOL, atol=ATOL)


def test_shape_outputs(sol):
    z = np.random.default_rng(0).normal(size=(5, 7))
    for out in (sol.softmax(z), sol.log_softmax(z)):
        out = np.asarray(out)
        assert out.shape == (5, 7) and out.dtype == np.float64
    loss, grad = sol.cross_entropy(z, np.arange(5))
    assert np.ndim(loss) == 0 and np.asarray(grad).shape == (5, 7)


def test_random_against_reference(sol):
    rng = np.random.default_rng(1)
    for n, k, scale in [(1, 2, 1.0), (10, 5, 3.0), (64, 100, 10.0)]:
        z = rng.normal(size=(n, k)) * scale
        y = rng.integers(0, k, size=n)
        lp = _ref_log_softmax(z)
        assert np.allclose(sol.log_softmax(z), lp, rtol=RTOL, atol=ATOL)
        assert np.allclose(sol.softmax(z), np.exp(lp), rtol=RTOL, atol=ATOL)
        loss, grad = sol.cross_entropy(z, y)
        ref_loss, ref_grad = _ref_cross_entropy(z, y)
        assert np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL) and np.allclose(
            grad, ref_grad, rtol=RTOL, atol=ATOL
        )


def test_property_probabilities(sol):
    rng = np.random.default_rng(2)
    p = np.asarray(sol.softmax(rng.normal(size=(20, 9)) * 50))
    assert np.all(p >= 0) and np.allclose(p.sum(axis=1), 1.0, rtol=RTOL, atol=ATOL)


def test_property_shift_invariance(sol):
    rng = np.random.default_rng(3)
    z = rng.normal(size=(6, 4))
    shifts = rng.uniform(-500, 500, size=(6, 1))
    assert np.allclose(sol.softmax(z), sol.softmax(z + shifts), rtol=1e-9, atol=1e-12), (
        "adding a constant to a row must not change its softmax"
    )
    y = rng.integers(0, 4, size=6)
    assert np.isclose(sol.cross_entropy(z, y)[0], sol.cross_entropy(z + shifts, y)[0], rtol=1e-9, atol=1e-9)


def test_property_gradient_matches_finite_differences(sol):
    rng = np.random.default_rng(4)
    z, y, h = rng.normal(size=(4, 3)), np.array([0, 2, 1, 2]), 1e-6
    _, grad = sol.cross_entropy(z, y)
    numeric = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (sol.cross_entropy(up, y)[0] - sol.cross_entropy(down, y)[0]) / (2 * h)
    assert np.allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_property_gradient_rows_sum_to_zero(sol):
    rng = np.random.default_rng(5)
    _, grad = sol.cross_entropy(rng.normal(size=(8, 6)), rng.integers(0, 6, size=8))
    assert np.allclose(np.asarray(grad).sum(axis=1), 0.0, atol=1e-12)


def test_numeric_huge_logits(sol):
    z = np.array([[1000.0, 999.0, -1000.0], [-800.0, -900.0, -1000.0], [710.0, -710.0, 0.0]])
    y = np.array([2, 0, 1])
    p = np.asarray(sol.softmax(z))
    lp = np.asarray(sol.log_softmax(z))
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(lp)), "no inf / NaN for finite logits"
    assert np.allclose(lp, _ref_log_softmax(z), rtol=RTOL, atol=ATOL)
    loss, grad = sol.cross_entropy(z, y)
    ref_loss, ref_grad = _ref_cross_entropy(z, y)
    assert np.isfinite(loss) and np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL)
    assert np.allclose(grad, ref_grad, rtol=RTOL, atol=ATOL)


def test_numeric_tiny_differences_preserved(sol):
    # exp(1e4) overflows unless the row is shifted first; the 1e-10 difference must survive the shift
    z = np.array([[1e4, 1e4 + 1e-10]])
    lp = np.asarray(sol.log_softmax(z))
    assert np.allclose(lp, _ref_log_softmax(z), rtol=1e-9, atol=1e-12)


def test_numeric_float32_inputs(sol):
    # float32 logits spread over hundreds, labels often on unlikely classes: log-probabilities near -300 carry
    # float32 errors of ~1e-5 and probabilities below ~1e-45 underflow to 0 in float32. Computed in float64,
    # the float32 values give the float64 results to rtol=1e-9.
    rng = np.random.default_rng(6)
    z32 = (rng.normal(size=(12, 10)) * 80).astype(np.float32)
    y = rng.integers(0, 10, size=12)
    z = z32.astype(np.float64)
    p, lp = np.asarray(sol.softmax(z32)), np.asarray(sol.log_softmax(z32))
    loss, grad = sol.cross_entropy(z32, y)
    assert p.dtype == lp.dtype == np.asarray(grad).dtype == np.float64, "float64 results for float32 logits too"
    ref_lp = _ref_log_softmax(z)
    ref_loss, ref_grad = _ref_cross_entropy(z, y)
    msg = "float32 logits: compute in float64 (rtol=1e-9, atol=1e-12 against the float64 result)"
    assert np.allclose(lp, ref_lp, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(p, np.exp(ref_lp), rtol=RTOL, atol=ATOL), msg
    assert np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(grad, ref_grad, rtol=RTOL, atol=ATOL), msg
