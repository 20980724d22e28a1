import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(F, y, leaf, n_leaves, lr):
    num, den = [0.0] * n_leaves, [0.0] * n_leaves
    for f, t, j in zip(np.asarray(F, dtype=float).tolist(), np.asarray(y).tolist(), np.asarray(leaf).tolist()):
        p = 1 / (1 + math.exp(-f)) if f >= 0 else math.exp(f) / (1 + math.exp(f))
        num[j] += t - p
        den[j] += p * (1 - p)
    values = np.array([n / d if d >= 1e-150 else 0.0 for n, d in zip(num, den)])
    return np.asarray(F, dtype=float) + lr * values[np.asarray(leaf)], values


def _call(sol, F, y, leaf, n_leaves, lr=0.1):
    out = sol.gradient_boosting_step(F, y, leaf, n_leaves, lr)
    assert len(out) == 2, "return (F_new, leaf_values)"
    F_new, values = np.asarray(out[0]), np.asarray(out[1])
    assert F_new.shape == (len(F),) and values.shape == (n_leaves,), "shapes (n,) and (n_leaves,)"
    assert F_new.dtype == np.float64 and values.dtype == np.float64, "return float64 arrays"
    assert np.all(np.isfinite(F_new)) and np.all(np.isfinite(values)), "no NaN or inf"
    return F_new, values


def _check(sol, F, y, leaf, n_leaves, lr=0.1):
    F_new, values = _call(sol, F, y, leaf, n_leaves, lr)
    ref_F, ref_values = _reference(F, y, leaf, n_leaves, lr)
    assert np.allclose(values, ref_values, rtol=RTOL, atol=ATOL), "leaf values differ (sum of r / sum of h per leaf)"
    assert np.allclose(F_new, ref_F, rtol=RTOL, atol=ATOL), "updated scores differ"
    return F_new, values


def _round(seed, n, n_leaves, scale=1.0):
    rng = np.random.default_rng(seed)
    F = rng.normal(size=n) * scale
    y = (rng.random(n) < 1 / (1 + np.exp(-F / 2))).astype(int)
    return F, y, rng.integers(0, n_leaves, size=n)


def test_edge_empty_leaves_get_zero(sol):
    F, y, _ = _round(0, 10, 1)
    _, values = _check(sol, F, y, np.array([0, 0, 2, 2, 2, 4, 4, 4, 4, 0]), 6)
    assert values[1] == values[3] == values[5] == 0.0, "a leaf with no example has value 0"


def test_edge_saturated_leaf(sol):
    F = np.array([800.0, 900.0, -1000.0, 0.3])
    y = np.array([1, 0, 0, 1])
    _, values = _check(sol, F, y, np.array([0, 0, 1, 2]), 3)
    assert values[0] == 0.0 and values[1] == 0.0, "p is exactly 0 or 1: hessian sum 0, leaf value 0"


def test_edge_single_leaf_from_zero_scores(sol):
    y = np.array([1, 1, 1, 0, 1])
    _, values = _check(sol, np.zeros(5), y, np.zeros(5, dtype=int), 1, 1.0)
    assert np.isclose(values[0], 4 * (y.mean() - 0.5)), "from F = 0: gamma = sum(y - 1/2) / (n / 4)"


def test_shape_lists_accepted(sol):
    _check(sol, [0.1, -0.4, 2.0], [1, 0, 1], [1, 0, 1], 2, 0.3)


def test_random_rounds(sol):
    rng = np.random.default_rng(1)
    for _ in range(15):
        F, y, leaf = _round(int(rng.integers(1000)), int(rng.integers(1, 500)), int(rng.integers(1, 32)),
                            float(rng.uniform(0.1, 6)))
        _check(sol, F, y, leaf, int(leaf.max()) + 1 + int(rng.integers(0, 3)), float(rng.uniform(0.01, 1)))


def test_property_small_steps_lower_the_loss(sol):
    F, y, leaf = _round(2, 2000, 8, 2.0)

    def loss(scores):
        return float(np.mean(np.logaddexp(0, scores) - y * scores))

    before = loss(F)
    F_new, _ = _call(sol, F, y, leaf, 8, 0.1)
    assert loss(F_new) < before, "a shrunk Newton step per leaf lowers the training log loss"


def test_property_newton_step_of_the_true_loss(sol):
    # derivatives of the leaf's own log loss, by finite differences: gamma_j = -L'(0) / L''(0)
    F, y, leaf = _round(5, 60, 3, 1.5)
    _, values = _call(sol, F, y, leaf, 3, 0.1)
    h = 1e-4
    for j in range(3):
        f, t = F[leaf == j], y[leaf == j]

        def loss(g, f=f, t=t):
            return float(np.sum(np.logaddexp(0, f + g) - t * (f + g)))

        first = (loss(h) - loss(-h)) / (2 * h)
        second = (loss(h) - 2 * loss(0.0) + loss(-h)) / (h * h)
        assert np.isclose(values[j], -first / second, rtol=1e-5), f"leaf {j} is not a Newton step on its log loss"


def test_numeric_float32_scores(sol):
    # float32 raw scores; leaf 0 holds confident, correct examples (|F| between 18 and 30, y = [F > 0]), as late in
    # boosting. For F >= 18, sigma(F) is exactly 1 in float32: residual and hessian vanish and those examples drop
    # out of the leaf; in float64 both are ~e^-F and count. Elsewhere float32 sigmoids are off by ~1e-7 relative.
    # Computed in float64 from the float32 values given, everything matches the float64 reference.
    F, y, leaf = _round(6, 400, 5, 3.0)
    confident = leaf == 0
    F[confident] = np.sign(F[confident] + 1e-3) * np.random.default_rng(7).uniform(18, 30, size=confident.sum())
    y[confident] = F[confident] > 0
    F32 = F.astype(np.float32)
    F_new, values = _call(sol, F32, y, leaf, 5, 0.1)  # also checks the float64 return dtypes
    ref_F, ref_values = _reference(F32.astype(np.float64), y, leaf, 5, 0.1)
    assert np.allclose(values, ref_values, rtol=RTOL, atol=ATOL), (
        "float32 scores: leaf values differ from the float64 computation (rtol 1e-9, atol 1e-12)"
    )
    assert np.allclose(F_new, ref_F, rtol=RTOL, atol=ATOL), (
        "float32 scores: updated scores differ from the float64 computation (rtol 1e-9, atol 1e-12)"
    )


def test_numeric_large_scores(sol):
    rng = np.random.default_rng(3)
    F = rng.normal(size=300) * 300
    y = (F + rng.normal(size=300) * 100 > 0).astype(int)
    _check(sol, F, y, rng.integers(0, 10, size=300), 10, 0.2)


def test_numeric_many_examples(sol):
    F, y, leaf = _round(4, 200_000, 64)
    F_new, values = _call(sol, F, y, leaf, 64, 0.1)
    ref_F, ref_values = _reference(F[:20_000], y[:20_000], leaf[:20_000], 64, 0.1)
    _, sub_values = _call(sol, F[:20_000], y[:20_000], leaf[:20_000], 64, 0.1)
    assert np.allclose(sub_values, ref_values, rtol=RTOL, atol=ATOL), "leaf values differ"
    assert np.allclose(F_new, F + 0.1 * values[leaf], rtol=RTOL, atol=ATOL), "F_new = F + nu * gamma[leaf]"
