import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    diff = y_pred - y_true
    return float((diff**2).sum() / diff.size), 2.0 * diff / diff.size


def test_edge_single_element(sol):
    assert np.isclose(sol.mse([3.0], [1.0]), 4.0, rtol=RTOL, atol=ATOL)
    assert np.allclose(sol.mse_gradient([3.0], [1.0]), [-4.0], rtol=RTOL, atol=ATOL)


def test_edge_perfect_prediction(sol):
    y = np.array([0.5, -2.0, 7.25])
    assert sol.mse(y, y.copy()) == 0.0
    assert np.all(np.asarray(sol.mse_gradient(y, y.copy())) == 0.0)


def test_edge_integer_lists(sol):
    loss = sol.mse([1, 2, 3, 4], [2, 2, 2, 2])
    assert np.isclose(loss, 1.5, rtol=RTOL, atol=ATOL), "integer inputs must not truncate the mean"
    grad = np.asarray(sol.mse_gradient([1, 2, 3, 4], [2, 2, 2, 2]))
    assert np.allclose(grad, [0.5, 0.0, -0.5, -1.0], rtol=RTOL, atol=ATOL)
    assert grad.dtype.kind == "f", "the gradient must be floating point even for integer inputs"


def test_shape_gradient_matches_1d(sol):
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=17), rng.normal(size=17)
    grad = np.asarray(sol.mse_gradient(y, p))
    assert grad.shape == (17,)


def test_shape_multi_output(sol):
    rng = np.random.default_rng(1)
    y, p = rng.normal(size=(8, 3)), rng.normal(size=(8, 3))
    loss_ref, grad_ref = _reference(y, p)
    grad = np.asarray(sol.mse_gradient(y, p))
    assert grad.shape == (8, 3), "the gradient has the shape of y_pred"
    assert np.isclose(sol.mse(y, p), loss_ref, rtol=RTOL, atol=ATOL), "N counts every element"
    assert np.allclose(grad, grad_ref, rtol=RTOL, atol=ATOL), "N counts every element"


def test_random_against_reference(sol):
    rng = np.random.default_rng(2)
    for n in (1, 2, 10, 1000):
        y, p = rng.normal(size=n) * 10, rng.normal(size=n) * 10
        loss_ref, grad_ref = _reference(y, p)
        assert np.isclose(sol.mse(y, p), loss_ref, rtol=RTOL, atol=ATOL)
        assert np.allclose(sol.mse_gradient(y, p), grad_ref, rtol=RTOL, atol=ATOL)


def test_property_gradient_matches_finite_differences(sol):
    rng = np.random.default_rng(3)
    y, p = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    grad = np.asarray(sol.mse_gradient(y, p))
    h = 1e-6
    numeric = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        up, down = p.copy(), p.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (sol.mse(y, up) - sol.mse(y, down)) / (2 * h)
    assert np.allclose(grad, numeric, rtol=1e-5, atol=1e-8), "gradient disagrees with finite differences"


def test_property_gradient_step_decreases_loss(sol):
    rng = np.random.default_rng(4)
    y, p = rng.normal(size=50), rng.normal(size=50)
    before = sol.mse(y, p)
    after = sol.mse(y, p - 0.1 * np.asarray(sol.mse_gradient(y, p)))
    assert after < before, "a small step against the gradient must reduce the loss"


def test_property_symmetric_and_non_negative(sol):
    rng = np.random.default_rng(5)
    y, p = rng.normal(size=30), rng.normal(size=30)
    a, b = sol.mse(y, p), sol.mse(p, y)
    assert a >= 0.0 and np.isclose(a, b, rtol=RTOL, atol=ATOL)


def test_numeric_large_offset(sol):
    # targets around 1e6 with errors of about 1: the loss must reflect the small errors only
    y = 1e6 + np.arange(6, dtype=np.float64)
    p = y + np.array([1.0, -1.0, 0.5, -0.5, 0.0, 2.0])
    loss_ref, grad_ref = _reference(y, p)
    assert np.isclose(sol.mse(y, p), loss_ref, rtol=1e-9, atol=1e-9)
    assert np.allclose(sol.mse_gradient(y, p), grad_ref, rtol=1e-9, atol=1e-9)


def test_numeric_float32_inputs(sol):
    # 4000 targets near 1e4 with errors of a few units: squaring and averaging in float32 is off by ~1e-7
    # relative (and the gradient by ~6e-8), far outside rtol=1e-9; in float64 the float32 values give the
    # float64 result to a few ulps.
    rng = np.random.default_rng(6)
    y32 = (1e4 + rng.normal(size=(2000, 2)) * 100).astype(np.float32)
    p32 = (y32 + rng.normal(size=(2000, 2)) * 3).astype(np.float32)
    loss_ref, grad_ref = _reference(y32.astype(np.float64), p32.astype(np.float64))
    grad = np.asarray(sol.mse_gradient(y32, p32))
    assert grad.dtype == np.float64, "the gradient must be float64 for float32 inputs too"
    msg = "float32 inputs: compute in float64 (rtol=1e-9, atol=1e-12 against the float64 result)"
    assert np.isclose(sol.mse(y32, p32), loss_ref, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(grad, grad_ref, rtol=RTOL, atol=ATOL), msg
