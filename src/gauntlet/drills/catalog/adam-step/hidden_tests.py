import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-15


def _reference(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=True):
    # element by element with Python floats, written as the statement reads
    theta, grad, m, v = (np.asarray(a, dtype=np.float64) for a in (theta, grad, m, v))
    out_theta, out_m, out_v = np.empty_like(theta), np.empty_like(theta), np.empty_like(theta)
    for idx in np.ndindex(theta.shape):
        p, g, m_i, v_i = float(theta[idx]), float(grad[idx]), float(m[idx]), float(v[idx])
        if not decoupled:
            g = g + weight_decay * p
        m_i = beta1 * m_i + (1 - beta1) * g
        v_i = beta2 * v_i + (1 - beta2) * g * g
        m_hat, v_hat = m_i / (1 - beta1**t), v_i / (1 - beta2**t)
        step = m_hat / (math.sqrt(v_hat) + eps)
        decay = weight_decay * p if decoupled else 0.0
        out_theta[idx], out_m[idx], out_v[idx] = p - lr * (step + decay), m_i, v_i
    return out_theta, out_m, out_v


def _call(sol, theta, grad, m, v, t, **kw):
    out = sol.adam_step(theta, grad, m, v, t, **kw)
    assert len(out) == 3, "return (theta_new, m_new, v_new)"
    arrays = [np.asarray(a) for a in out]
    for a in arrays:
        assert a.shape == np.shape(theta), f"expected shape {np.shape(theta)}, got {a.shape}"
        assert a.dtype == np.float64, f"return float64 arrays, got {a.dtype}"
    return arrays


def _check(sol, theta, grad, m, v, t, **kw):
    got = _call(sol, theta, grad, m, v, t, **kw)
    ref = _reference(theta, grad, m, v, t, **kw)
    for name, a, b in zip(("theta_new", "m_new", "v_new"), got, ref):
        assert np.allclose(a, b, rtol=RTOL, atol=ATOL), f"{name} differs from the reference"
    return got


def test_edge_zero_gradient_and_state(sol):
    theta = np.array([1.5, -3.0, 0.0])
    new, m, v = _check(sol, theta, np.zeros(3), np.zeros(3), np.zeros(3), 1)
    assert np.array_equal(new, theta) and not m.any() and not v.any(), "no gradient, no decay: nothing moves"


def test_edge_decay_only(sol):
    theta, zeros = np.array([3.0, -0.5, 1e-3]), np.zeros(3)
    new, _, _ = _check(sol, theta, zeros, zeros, zeros, 1, lr=0.05, weight_decay=0.1)
    assert np.allclose(new, theta * (1 - 0.05 * 0.1), rtol=RTOL), "AdamW with g = 0 shrinks theta by lr * lambda"
    _check(sol, theta, zeros, zeros, zeros, 1, lr=0.05, weight_decay=0.1, decoupled=False)


def test_edge_first_step_is_sign_like(sol):
    rng = np.random.default_rng(0)
    grad = rng.normal(size=50) * np.logspace(-3, 3, 50)
    theta = rng.normal(size=50)
    new, _, _ = _check(sol, theta, grad, np.zeros(50), np.zeros(50), 1, lr=0.01)
    assert np.allclose(np.abs(new - theta), 0.01, rtol=1e-4), "the first step moves every parameter by ~lr"


def test_shape_any_shape(sol):
    rng = np.random.default_rng(1)
    for shape in [(), (1,), (4, 3), (2, 3, 5)]:
        theta, grad = rng.normal(size=shape), rng.normal(size=shape)
        m, v = rng.normal(size=shape) * 0.1, rng.uniform(0, 0.1, size=shape)
        _check(sol, theta, grad, m, v, 7, lr=0.01, weight_decay=0.01)


def test_random_hyperparameters_both_modes(sol):
    rng = np.random.default_rng(2)
    for _ in range(40):
        shape = (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
        theta, grad = rng.normal(size=shape) * 3, rng.normal(size=shape) * 10 ** rng.uniform(-4, 2)
        m, v = rng.normal(size=shape) * 0.1, rng.uniform(0, 1, size=shape) * 10 ** rng.uniform(-6, 0)
        kw = dict(lr=10 ** rng.uniform(-5, -1), beta1=float(rng.uniform(0.5, 0.99)),
                  beta2=float(rng.uniform(0.9, 0.9999)), eps=10 ** rng.uniform(-10, -4),
                  weight_decay=float(rng.choice([0.0, 0.01, 0.3])), decoupled=bool(rng.integers(0, 2)))
        _check(sol, theta, grad, m, v, int(rng.integers(1, 5000)), **kw)


def test_random_trajectory_on_a_quadratic(sol):
    # 60 steps on f(θ) = ½ Σ c_i θ_i², gradients taken at the solution's own iterates
    rng = np.random.default_rng(3)
    curvature = 10 ** rng.uniform(-2, 2, size=8)
    theta, m, v = rng.normal(size=8), np.zeros(8), np.zeros(8)
    for t in range(1, 61):
        kw = dict(lr=0.05, weight_decay=0.01, decoupled=t % 2 == 0)
        theta, m, v = _check(sol, theta, curvature * theta, m, v, t, **kw)
    assert np.abs(theta).max() < 1.0, "Adam should make progress on a convex quadratic"


def test_property_invariant_to_gradient_scale(sol):
    rng = np.random.default_rng(4)
    theta, grad = rng.normal(size=20), rng.normal(size=20)
    m, v = rng.normal(size=20) * 0.5, rng.uniform(0.1, 1.0, size=20)
    base, _, _ = _call(sol, theta, grad, m, v, 5, eps=1e-14)
    for c in (1e-3, 1e3):
        scaled, _, _ = _call(sol, theta, c * grad, c * m, c * c * v, 5, eps=1e-14)
        assert np.allclose(scaled, base, rtol=1e-9, atol=1e-12), (
            "scaling every gradient (and the state) by a constant should not change Adam's step"
        )


def test_property_decoupled_decay_is_separate_from_the_adaptive_step(sol):
    rng = np.random.default_rng(5)
    theta, grad = rng.normal(size=10), rng.normal(size=10)
    m, v = rng.normal(size=10), rng.uniform(0, 100, size=10)
    plain, _, _ = _call(sol, theta, grad, m, v, 3, lr=0.01)
    adamw, _, _ = _call(sol, theta, grad, m, v, 3, lr=0.01, weight_decay=0.5)
    assert np.allclose(adamw - plain, -0.01 * 0.5 * theta, rtol=1e-7, atol=1e-12), (
        "AdamW subtracts exactly lr * weight_decay * theta on top of the Adam step"
    )
    l2, _, _ = _call(sol, theta, grad, m, v, 3, lr=0.01, weight_decay=0.5, decoupled=False)
    assert not np.allclose(l2, adamw, rtol=1e-6), "L2 inside Adam is not the same as decoupled decay"


def test_numeric_tiny_gradients_eps_outside_the_root(sol):
    grad = np.array([1e-10, -3e-9, 2e-12])
    theta = np.zeros(3)
    new, _, _ = _check(sol, theta, grad, np.zeros(3), np.zeros(3), 1, lr=1.0)
    assert np.allclose(new, -grad / (np.abs(grad) + 1e-8), rtol=1e-9), "eps is added to sqrt(v_hat)"


def test_numeric_float32_inputs_computed_in_float64(sol):
    rng = np.random.default_rng(6)
    arrays = [rng.normal(size=30).astype(np.float32) for _ in range(3)]
    v = rng.uniform(0, 1e-2, size=30).astype(np.float32)
    _check(sol, arrays[0], arrays[1], arrays[2], v, 2, lr=3e-4, beta2=0.98, weight_decay=0.01)


def test_numeric_late_and_early_bias_correction(sol):
    rng = np.random.default_rng(7)
    theta, grad = rng.normal(size=5), rng.normal(size=5)
    m, v = rng.normal(size=5) * 0.1, rng.uniform(0, 0.1, size=5)
    _check(sol, theta, grad, m, v, 1_000_000)
    _check(sol, theta, grad, m, v, 2, beta2=0.999999)
