import numpy as np


def _neighbour_sets(X, k):
    sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(sq, np.inf)
    return np.argsort(sq, axis=1, kind="stable")[:, : min(k, len(X) - 1)]


def _segment_fit(points, X, k):
    """For every point: the smallest distance to a valid segment [x_i, x_j], j among i's k neighbours,
    and the gap u of that best segment."""
    nn = _neighbour_sets(X, k)
    a = np.repeat(X, nn.shape[1], axis=0)  # segment starts
    b = X[nn.ravel()]  # segment ends
    ab = b - a
    best_dist = np.full(len(points), np.inf)
    best_u = np.zeros(len(points))
    for start in range(0, len(points), 64):
        p = points[start : start + 64]
        u = ((p[:, None, :] - a[None]) * ab[None]).sum(-1) / (ab**2).sum(-1)[None]
        u_clipped = np.clip(u, 0.0, 1.0)
        dist = np.linalg.norm(p[:, None, :] - (a[None] + u_clipped[..., None] * ab[None]), axis=-1)
        idx = dist.argmin(axis=1)
        best_dist[start : start + 64] = dist[np.arange(len(p)), idx]
        best_u[start : start + 64] = u[np.arange(len(p)), idx]
    return best_dist, best_u


def _assert_on_segments(points, X, k):
    dist, _ = _segment_fit(points, X, k)
    scale = np.abs(X).max() + 1.0
    assert np.all(dist <= 1e-9 * scale), (
        "a synthetic point is not on a segment to one of its base point's k nearest neighbours"
    )


def _assert_no_copies(points, X):
    d = np.sqrt(((points[:, None, :] - X[None, :, :]) ** 2).sum(-1)).min(axis=1)
    assert np.all(d > 1e-12), "a synthetic point coincides with an original point"


def _synth(sol, X, n, k, seed):
    out = np.asarray(sol.smote(X, n, k, seed), dtype=float)
    assert out.shape == (n, X.shape[1]), "smote returns (n_synthetic, d)"
    return out


def test_edge_zero_synthetic(sol):
    X = np.random.default_rng(0).normal(size=(6, 3))
    assert _synth(sol, X, 0, 3, 0).shape == (0, 3)


def test_edge_single_point(sol):
    out = _synth(sol, np.array([[2.0, 5.0]]), 4, 3, 1)
    assert np.allclose(out, [[2.0, 5.0]] * 4)


def test_edge_k_larger_than_minority(sol):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 3.0]])
    out = _synth(sol, X, 300, 10, 2)
    _assert_on_segments(out, X, 2)  # k is capped at m - 1 = 2: all three edges of the triangle
    _, u = _segment_fit(out, X, 2)
    assert np.all((u > -1e-12) & (u < 1 + 1e-12))


def test_edge_two_points_gap_distribution(sol):
    X = np.array([[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]])
    out = _synth(sol, X, 2000, 1, 3)
    _assert_on_segments(out, X, 1)
    t = out[:, 0]  # position along the single segment, in [0, 1]
    assert abs(t.mean() - 0.5) < 0.03 and t.min() < 0.02 and t.max() > 0.98, (
        "the gap should be uniform on [0, 1)"
    )


def test_shape_balance_outputs(sol):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(23, 4))
    y = np.array([7] * 18 + [3] * 5)
    X_res, y_res = sol.balance_with_smote(X, y, 3, 4)
    X_res, y_res = np.asarray(X_res, dtype=float), np.asarray(y_res)
    assert X_res.shape == (36, 4) and y_res.shape == (36,)
    assert np.array_equal(X_res[:23], X) and np.array_equal(y_res[:23], y), (
        "original rows come first, unchanged"
    )
    assert np.all(y_res[23:] == 3) and np.sum(y_res == 3) == np.sum(y_res == 7) == 18


def test_shape_balance_already_balanced(sol):
    X = np.arange(8.0).reshape(4, 2)
    X_res, y_res = sol.balance_with_smote(X, np.array([1, 0, 1, 0]), 2, 0)
    assert np.array_equal(np.asarray(X_res), X) and np.asarray(y_res).tolist() == [1, 0, 1, 0]


def test_random_points_on_valid_segments(sol):
    for seed, (m, d, k) in enumerate([(10, 2, 1), (30, 3, 5), (60, 8, 3)]):
        X = np.random.default_rng(10 + seed).normal(size=(m, d))
        out = _synth(sol, X, 400, k, seed)
        _assert_on_segments(out, X, k)
        _assert_no_copies(out, X)


def test_random_balance_uses_minority_segments(sol):
    # minority points scattered among the majority: their nearest rows overall are mostly majority rows
    rng = np.random.default_rng(5)
    X_major = rng.normal(0.0, 1.0, size=(120, 2))
    X_minor = rng.uniform(-2.0, 2.0, size=(15, 2))
    X = np.vstack([X_minor[:5], X_major, X_minor[5:]])  # minority rows are not contiguous
    y = np.array([1] * 5 + [0] * 120 + [1] * 10)
    X_res, y_res = sol.balance_with_smote(X, y, 4, 5)
    X_res, y_res = np.asarray(X_res, dtype=float), np.asarray(y_res)
    new = X_res[len(X) :]
    assert len(new) == 105 and np.all(y_res[len(X) :] == 1)
    _assert_on_segments(new, X[y == 1], 4)


def test_property_reproducible_with_seed(sol):
    X = np.random.default_rng(6).normal(size=(12, 3))
    a, b = _synth(sol, X, 50, 3, 42), _synth(sol, X, 50, 3, 42)
    c = _synth(sol, X, 50, 3, 43)
    assert np.array_equal(a, b), "same seed, same synthetic points"
    assert not np.array_equal(a, c), "a different seed gives different points"


def test_property_k1_uses_only_nearest_neighbour(sol):
    rng = np.random.default_rng(7)
    X = rng.uniform(0, 10, size=(25, 2))
    out = _synth(sol, X, 500, 1, 7)
    _assert_on_segments(out, X, 1)
    _assert_no_copies(out, X)


def test_property_every_point_can_be_a_base(sol):
    # points spread on a line: with k = 1, each synthetic point falls between neighbours; over many draws
    # every gap between consecutive points receives some synthetic points
    X = np.array([[0.0], [1.0], [3.0], [6.0], [10.0], [15.0]])
    out = _synth(sol, X, 3000, 1, 8)
    counts = np.histogram(out[:, 0], bins=X[:, 0])[0]
    assert np.all(counts > 0), "base points must be drawn from all minority points"


def test_numeric_large_scale_coordinates(sol):
    rng = np.random.default_rng(9)
    X = 1e6 + rng.normal(size=(20, 3))
    out = _synth(sol, X, 200, 3, 9)
    _assert_on_segments(out, X, 3)


def test_numeric_many_points(sol):
    rng = np.random.default_rng(10)
    X = rng.normal(size=(800, 6))
    out = _synth(sol, X, 200, 5, 10)
    _assert_on_segments(out, X, 5)


def test_numeric_float32_inputs(sol):
    # float32 coordinates near 1000 with a spread of ~1: in float32, |a|^2 - 2 a.b + |b|^2 is off by up to ~0.5
    # (half of the rows get a wrong neighbour) and a + u (b - a) misses the segment by ~1e-5; in float64 the
    # points lie on the segments between the float32 values to 1e-9 of the coordinate scale.
    rng = np.random.default_rng(11)
    X32 = (1e3 + rng.normal(size=(20, 3))).astype(np.float32)
    X = X32.astype(np.float64)
    out = sol.smote(X32, 200, 3, 11)
    assert np.asarray(out).dtype == np.float64, "smote must return float64 for float32 X_min too"
    _assert_on_segments(np.asarray(out), X, 3)
    y = np.array([0] * 14 + [1] * 6)
    X_res, y_res = sol.balance_with_smote(X32, y, 3, 11)
    X_res = np.asarray(X_res)
    assert X_res.dtype == np.float64 and X_res.shape == (28, 3), "X_resampled: float64 (28, 3) for float32 X"
    assert np.array_equal(X_res[:20], X) and np.array_equal(np.asarray(y_res)[:20], y), (
        "original rows come first, unchanged"
    )
    _assert_on_segments(X_res[20:], X[y == 1], 3)
