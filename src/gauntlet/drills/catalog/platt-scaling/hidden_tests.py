import math

import numpy as np


def _targets(y):
    y = np.asarray(y)
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    return np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))


def _reference(scores, y):
    # Newton's method on standardised scores (then mapped back), run to machine precision
    s = np.asarray(scores, dtype=np.float64)
    t = _targets(y)
    centre, scale = s.mean(), s.std()
    u = (s - centre) / scale
    beta = np.array([0.0, math.log(t.mean() / (1 - t.mean()))])
    for _ in range(200):
        z = beta[0] * u + beta[1]
        p = 0.5 * (1 + np.tanh(z / 2))
        g = np.array([(p - t) @ u, (p - t).sum()])
        w = p * (1 - p)
        h = np.array([[w @ (u * u), w @ u], [w @ u, w.sum()]])
        step = np.linalg.solve(h, g)
        while True:
            new = beta - step
            if np.sum(np.logaddexp(0, new[0] * u + new[1]) - t * (new[0] * u + new[1])) <= np.sum(
                np.logaddexp(0, z) - t * z
            ) + 1e-12 or np.abs(step).max() < 1e-15:
                break
            step = step / 2
        beta = new
        if np.abs(step).max() < 1e-14:
            break
    a = beta[0] / scale
    return a, beta[1] - a * centre


def _fit(sol, scores, y):
    out = sol.platt_fit(scores, y)
    assert len(out) == 2, "return (a, b)"
    a, b = float(out[0]), float(out[1])
    assert math.isfinite(a) and math.isfinite(b), f"a and b must be finite, got {a}, {b}"
    return a, b


def _check(sol, scores, y):
    a, b = _fit(sol, scores, y)
    ref_a, ref_b = _reference(scores, y)
    assert math.isclose(a, ref_a, rel_tol=1e-6, abs_tol=1e-8), f"slope a: expected {ref_a:.10g}, got {a:.10g}"
    assert math.isclose(b, ref_b, rel_tol=1e-6, abs_tol=1e-8), f"intercept b: expected {ref_b:.10g}, got {b:.10g}"
    return a, b


def _data(seed, n, shift=1.5, scale=1.0):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.3).astype(int)
    scores = (rng.normal(size=n) + shift * y) * scale
    return scores, y


def test_edge_separable_data_stays_finite(sol):
    _check(sol, np.array([-3.0, -2.0, -1.0, 1.0, 5.0]), np.array([0, 0, 0, 1, 1]))


def test_edge_one_class_only(sol):
    scores = np.array([0.5, 1.0, 2.0, 4.0])
    a, b = _check(sol, scores, np.ones(4, dtype=int))
    assert abs(a) < 1e-8 and math.isclose(b, math.log(5 / 6 / (1 / 6)), rel_tol=1e-6), (
        "with positives only every target is 5/6: a = 0, b = logit(5/6)"
    )
    _check(sol, scores, np.zeros(4, dtype=int))


def test_edge_two_points(sol):
    _check(sol, np.array([0.0, 1.0]), np.array([0, 1]))
    _check(sol, np.array([0.0, 1.0]), np.array([1, 0]))


def test_edge_tied_scores(sol):
    scores = np.repeat([-1.0, 0.0, 2.0], [5, 7, 3])
    y = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0])
    _check(sol, scores, y)


def test_shape_predict(sol):
    scores, y = _data(0, 50)
    a, b = _fit(sol, scores, y)
    p = np.asarray(sol.platt_predict(scores, a, b))
    assert p.shape == (50,) and p.dtype == np.float64, "predict returns a float64 array of the scores' length"
    assert np.allclose(p, 1 / (1 + np.exp(-(a * scores + b))), rtol=1e-9, atol=1e-12)
    assert np.asarray(sol.platt_predict(np.zeros(0), a, b)).shape == (0,)


def test_random_overlapping_classes(sol):
    rng = np.random.default_rng(1)
    for _ in range(10):
        scores, y = _data(int(rng.integers(1000)), int(rng.integers(5, 400)), float(rng.uniform(-1, 4)),
                          float(10 ** rng.uniform(-2, 2)))
        if len(np.unique(scores)) > 1:
            _check(sol, scores, y)


def test_property_optimality_conditions(sol):
    scores, y = _data(2, 300)
    a, b = _fit(sol, scores, y)
    p = 1 / (1 + np.exp(-(a * scores + b)))
    r = p - _targets(y)
    assert abs(r.sum()) < 1e-7 and abs(r @ scores) < 1e-7 * np.abs(scores).sum(), (
        "at the minimiser the gradient of L is zero"
    )


def test_property_affine_rescaling_of_scores(sol):
    scores, y = _data(3, 200)
    a, b = _fit(sol, scores, y)
    a2, b2 = _fit(sol, 4.0 * scores - 7.0, y)
    assert math.isclose(a2, a / 4, rel_tol=1e-6) and math.isclose(b2, b + 7 * a / 4, rel_tol=1e-6, abs_tol=1e-8), (
        "rescaling the scores rescales a and b, and leaves the probabilities unchanged"
    )


def test_property_calibrates_overconfident_scores(sol):
    rng = np.random.default_rng(4)
    true_logit = rng.normal(size=5000)
    y = (rng.random(5000) < 1 / (1 + np.exp(-true_logit))).astype(int)
    a, b = _check(sol, 5 * true_logit, y)  # scores five times too confident
    assert 0.15 < a < 0.25 and abs(b) < 0.1, "the fitted slope undoes the overconfidence (about 1/5)"


def test_numeric_large_scores(sol):
    scores, y = _data(5, 300, shift=4.0, scale=200.0)
    _check(sol, scores, y)
    p = np.asarray(sol.platt_predict(np.array([-1e6, 1e6]), 1.0, 3.0))
    assert np.all(np.isfinite(p)) and np.allclose(p, [0.0, 1.0])


def test_numeric_many_points_and_float32(sol):
    scores, y = _data(6, 20_000)
    _check(sol, scores, y)
    scores32 = scores[:500].astype(np.float32)
    a, b = _fit(sol, scores32, y[:500])
    ref_a, ref_b = _reference(scores32.astype(np.float64), y[:500])
    assert math.isclose(a, ref_a, rel_tol=1e-6) and math.isclose(b, ref_b, rel_tol=1e-6, abs_tol=1e-8)
