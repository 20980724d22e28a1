import numpy as np

RTOL, ATOL = 1e-6, 1e-8


def _reference(X, k):
    X = np.asarray(X, float)
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(X) - 1))
    order = np.argsort(values)[::-1][:k]
    comps = vectors[:, order].T
    idx = np.argmax(np.abs(comps), axis=1)
    comps = comps * np.where(comps[np.arange(k), idx] < 0, -1.0, 1.0)[:, None]
    return comps, np.maximum(values[order], 0), centred @ comps.T


def _unpack(result, n, d, k):
    comps, var, proj = (np.asarray(a, dtype=float) for a in result)
    assert comps.shape == (k, d), f"components have shape (k, d) = {(k, d)}"
    assert var.shape == (k,), "explained_variance has shape (k,)"
    assert proj.shape == (n, k), "projected has shape (n, k)"
    return comps, var, proj


def _check_orthonormal(comps):
    assert np.allclose(comps @ comps.T, np.eye(len(comps)), atol=1e-8), "components must be orthonormal"


def _check_sign_convention(comps):
    for row in comps:
        a = np.sort(np.abs(row))[::-1]
        if len(a) == 1 or a[0] - a[1] > 1e-6:  # only where the largest entry is unambiguous
            assert row[np.argmax(np.abs(row))] > 0, (
                "largest-magnitude entry of each component must be positive"
            )


def _data(seed, n, d):
    rng = np.random.default_rng(seed)
    scales = np.linspace(3.0, 0.3, d)  # distinct variances -> well separated eigenvalues
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return rng.normal(size=(n, d)) * scales @ q.T + rng.normal(size=d) * 10


def _check_against_reference(sol, X, k):
    n, d = X.shape
    comps, var, proj = _unpack(sol.pca(X, k), n, d, k)
    ref_c, ref_v, ref_p = _reference(X, k)
    assert np.allclose(var, ref_v, rtol=RTOL, atol=ATOL), "explained variance differs"
    assert np.allclose(comps, ref_c, rtol=RTOL, atol=1e-6), "components differ (order or sign convention?)"
    assert np.allclose(proj, ref_p, rtol=RTOL, atol=1e-6), "projection differs"


def test_edge_all_rows_identical(sol):
    X = np.tile([[1.0, -2.0, 3.0]], (5, 1))
    comps, var, proj = _unpack(sol.pca(X, 2), 5, 3, 2)
    assert np.allclose(var, 0.0, atol=ATOL) and np.allclose(proj, 0.0, atol=ATOL)
    _check_orthonormal(comps)


def test_edge_constant_column(sol):
    X = _data(0, 30, 3)
    X[:, 1] = 4.0
    comps, var, _ = _unpack(sol.pca(X, 3), 30, 3, 3)
    assert np.isclose(var[-1], 0.0, atol=1e-8), "a constant column adds a zero-variance direction"
    assert np.allclose(comps[:2, 1], 0.0, atol=1e-8), "informative components ignore the constant column"
    _check_against_reference(sol, X, 2)


def test_edge_two_samples(sol):
    X = np.array([[1.0, 5.0, -2.0], [3.0, 1.0, 0.0]])
    _comps, var, _proj = _unpack(sol.pca(X, 1), 2, 3, 1)
    diff = X[1] - X[0]
    assert np.isclose(var[0], diff @ diff / 2, rtol=RTOL), (
        "with two points all variance lies along their difference"
    )
    _check_against_reference(sol, X, 1)


def test_edge_one_dimension(sol):
    X = np.array([[2.0], [4.0], [9.0]])
    comps, var, _proj = _unpack(sol.pca(X, 1), 3, 1, 1)
    assert np.allclose(comps, [[1.0]]) and np.isclose(var[0], np.var(X, ddof=1), rtol=RTOL)


def test_shape_wide_data(sol):
    X = _data(1, 6, 20)
    comps, var, _proj = _unpack(sol.pca(X, 6), 6, 20, 6)
    _check_orthonormal(comps)
    assert np.isclose(var[-1], 0.0, atol=1e-8), "6 centred points span at most 5 dimensions"
    _check_against_reference(sol, X, 4)


def test_random_against_reference(sol):
    for seed, (n, d, k) in enumerate([(50, 3, 2), (200, 8, 8), (40, 15, 5)]):
        _check_against_reference(sol, _data(10 + seed, n, d), k)


def test_property_orthonormal_sorted_and_consistent(sol):
    X = _data(2, 100, 6)
    comps, var, proj = _unpack(sol.pca(X, 6), 100, 6, 6)
    _check_orthonormal(comps)
    _check_sign_convention(comps)
    assert np.all(np.diff(var) <= 1e-12) and np.all(var >= 0), "variances are non-negative and non-increasing"
    assert np.allclose(proj, (X - X.mean(axis=0)) @ comps.T, rtol=RTOL, atol=1e-6)
    assert np.allclose(proj.var(axis=0, ddof=1), var, rtol=RTOL, atol=ATOL), (
        "each score column's unbiased variance is the explained variance"
    )
    assert np.isclose(var.sum(), np.var(X, axis=0, ddof=1).sum(), rtol=RTOL), (
        "all k = d components keep the total variance"
    )


def test_property_invariant_to_row_order_and_translation(sol):
    X = _data(3, 60, 4)
    perm = np.random.default_rng(3).permutation(60)
    c1, v1, p1 = _unpack(sol.pca(X, 3), 60, 4, 3)
    c2, v2, p2 = _unpack(sol.pca(X[perm] + 100.0, 3), 60, 4, 3)
    assert np.allclose(c1, c2, rtol=RTOL, atol=1e-6) and np.allclose(v1, v2, rtol=RTOL, atol=ATOL)
    assert np.allclose(p1[perm], p2, rtol=RTOL, atol=1e-6)


def test_property_full_reconstruction(sol):
    X = _data(4, 25, 5)
    comps, _, proj = _unpack(sol.pca(X, 5), 25, 5, 5)
    assert np.allclose(proj @ comps + X.mean(axis=0), X, rtol=RTOL, atol=1e-6), "k = d loses nothing"


def test_numeric_large_offset_small_spread(sol):
    # mean 1e6, spread ~1: forming E[x^2] - E[x]^2 would lose every digit; centring first does not
    X = _data(5, 80, 3) + 1e6
    _check_against_reference(sol, X, 2)


def test_numeric_float32_inputs(sol):
    # float32 data near 1000 with a spread of a few units: a column mean taken in float32 is off by ~1e-4, and
    # so is every centred value, which shifts the projections by ~3e-4, far outside atol=1e-6. Converted to
    # float64 first, the result matches the float64 PCA of the same values.
    X32 = (_data(6, 80, 3) + 1e3).astype(np.float32)
    result = sol.pca(X32, 2)
    for name, arr in zip(("components", "explained_variance", "projected"), result):
        assert np.asarray(arr).dtype == np.float64, f"{name} must be float64 for float32 X too"
    # _check_against_reference compares with the float64 PCA of X32's values: rtol=1e-6, atol=1e-8 (1e-6 for
    # components and projections)
    _check_against_reference(sol, X32, 2)
