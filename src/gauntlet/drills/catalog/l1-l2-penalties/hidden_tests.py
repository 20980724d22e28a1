import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _ref_soft(w, t):
    w = np.asarray(w, dtype=np.float64)
    out = np.zeros_like(w)
    big = np.abs(w) > t
    out[big] = w[big] - t * np.sign(w[big])
    return out


def test_edge_empty_vector(sol):
    empty = np.zeros(0)
    v1, g1 = sol.l1_penalty(empty, 1.0)
    v2, g2 = sol.l2_penalty(empty, 1.0)
    assert v1 == 0.0 and v2 == 0.0
    assert np.asarray(g1).shape == (0,) and np.asarray(g2).shape == (0,)
    assert np.asarray(sol.soft_threshold(empty, 0.3)).shape == (0,)


def test_edge_zero_strength(sol):
    w = np.array([1.5, -2.0, 0.0])
    v1, g1 = sol.l1_penalty(w, 0.0)
    v2, g2 = sol.l2_penalty(w, 0.0)
    assert v1 == 0.0 and v2 == 0.0 and np.all(np.asarray(g1) == 0) and np.all(np.asarray(g2) == 0)
    assert np.allclose(sol.soft_threshold(w, 0.0), w, rtol=RTOL, atol=ATOL), "t = 0 is the identity"


def test_edge_subgradient_at_zero(sol):
    _, sub = sol.l1_penalty(np.zeros(4), 2.0)
    assert np.all(np.asarray(sub) == 0.0), "the minimum-norm subgradient of |w| at 0 is 0"


def test_edge_threshold_boundary(sol):
    # |w_j| == t lands exactly on zero; just above t keeps a tiny value of the same sign
    out = np.asarray(sol.soft_threshold(np.array([1.0, -1.0, 1.0 + 1e-9]), 1.0))
    assert np.allclose(out, [0.0, 0.0, 1e-9], rtol=1e-6, atol=1e-15)


def test_shape_outputs(sol):
    w = np.random.default_rng(0).normal(size=9)
    for fn in (sol.l1_penalty, sol.l2_penalty):
        value, grad = fn(w, 0.3)
        grad = np.asarray(grad)
        assert np.ndim(value) == 0 and grad.shape == (9,) and grad.dtype.kind == "f"
    out = np.asarray(sol.soft_threshold(w, 0.3))
    assert out.shape == (9,) and out.dtype.kind == "f"


def test_random_against_reference(sol):
    rng = np.random.default_rng(1)
    for d in (1, 5, 200):
        w = rng.normal(size=d) * 3
        lam = float(rng.uniform(0.01, 2.0))
        v1, g1 = sol.l1_penalty(w, lam)
        v2, g2 = sol.l2_penalty(w, lam)
        assert np.isclose(v1, lam * np.sum(np.abs(w)), rtol=RTOL, atol=ATOL)
        assert np.allclose(g1, lam * np.sign(w), rtol=RTOL, atol=ATOL)
        assert np.isclose(v2, 0.5 * lam * np.sum(w * w), rtol=RTOL, atol=ATOL)
        assert np.allclose(g2, lam * w, rtol=RTOL, atol=ATOL)
        assert np.allclose(sol.soft_threshold(w, lam), _ref_soft(w, lam), rtol=RTOL, atol=ATOL)


def test_property_l2_gradient_matches_finite_differences(sol):
    rng = np.random.default_rng(2)
    w, lam, h = rng.normal(size=6), 0.7, 1e-6
    _, grad = sol.l2_penalty(w, lam)
    numeric = np.array(
        [(sol.l2_penalty(w + h * e, lam)[0] - sol.l2_penalty(w - h * e, lam)[0]) / (2 * h) for e in np.eye(6)]
    )
    assert np.allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_property_l1_subgradient_away_from_zero(sol):
    rng = np.random.default_rng(3)
    w = rng.choice([-1.0, 1.0], size=6) * rng.uniform(0.5, 2.0, size=6)
    lam, h = 1.3, 1e-6
    _, sub = sol.l1_penalty(w, lam)
    numeric = np.array(
        [(sol.l1_penalty(w + h * e, lam)[0] - sol.l1_penalty(w - h * e, lam)[0]) / (2 * h) for e in np.eye(6)]
    )
    assert np.allclose(sub, numeric, rtol=1e-5, atol=1e-8), "away from 0 the subgradient is the gradient"


def test_property_soft_threshold_is_the_prox(sol):
    # S_t(w) minimises 0.5 ||z - w||^2 + t ||z||_1: no random perturbation may do better
    rng = np.random.default_rng(4)
    w, t = rng.normal(size=8) * 2, 0.8
    z = np.asarray(sol.soft_threshold(w, t))

    def objective(v):
        return 0.5 * np.sum((v - w) ** 2) + t * np.sum(np.abs(v))

    best = objective(z)
    for _ in range(200):
        assert objective(z + rng.normal(scale=0.05, size=8)) >= best - 1e-12
    assert np.sum(z == 0.0) == np.sum(np.abs(w) <= t), "entries with |w_j| <= t must be exactly 0"


def test_property_soft_threshold_shrinks_and_keeps_sign(sol):
    rng = np.random.default_rng(5)
    w = rng.normal(size=50)
    out = np.asarray(sol.soft_threshold(w, 0.5))
    assert np.all(np.abs(out) <= np.abs(w) + 1e-15), "soft thresholding never increases a magnitude"
    assert np.all(out * w >= 0), "soft thresholding never flips a sign"


def test_numeric_large_and_tiny_weights(sol):
    w = np.array([1e150, -1e150, 1e-300, -1e-300])
    v1, _ = sol.l1_penalty(w, 1.0)
    assert np.isclose(v1, 2e150, rtol=RTOL)
    out = np.asarray(sol.soft_threshold(w, 1e-200))
    assert np.allclose(out, [1e150, -1e150, 0.0, 0.0], rtol=RTOL, atol=0.0)


def test_numeric_float32_inputs(sol):
    # Weights near 1e4 with small fractional parts: float32 arithmetic (lam * w, |w| - t, the long sums) is off
    # by about 1e-7 relative, far outside the tolerance; computing in float64 from the float32 values is exact.
    rng = np.random.default_rng(6)
    w32 = (rng.choice([-1.0, 1.0], size=400) * (1e4 + rng.uniform(0.0, 1.0, size=400))).astype(np.float32)
    w = w32.astype(np.float64)
    lam, t = 0.37, 0.3
    v1, g1 = sol.l1_penalty(w32, lam)
    v2, g2 = sol.l2_penalty(w32, lam)
    out = np.asarray(sol.soft_threshold(w32, t))
    for name, arr in (("l1 subgradient", g1), ("l2 gradient", g2), ("soft_threshold", out)):
        assert np.asarray(arr).dtype == np.float64, f"{name}: float32 input must give a float64 array"
    msg = "float32 w: compute in float64 (rtol=1e-9, atol=1e-12 against the float64 result)"
    assert np.isclose(v1, lam * np.sum(np.abs(w)), rtol=RTOL, atol=ATOL), msg
    assert np.allclose(g1, lam * np.sign(w), rtol=RTOL, atol=ATOL), msg
    assert np.isclose(v2, 0.5 * lam * np.sum(w * w), rtol=RTOL, atol=ATOL), msg
    assert np.allclose(g2, lam * w, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(out, _ref_soft(w, t), rtol=RTOL, atol=ATOL), msg
