import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(x, y, w=None):
    """The min-max formula: fit_i = max over j <= i of min over k >= i of the weighted mean of blocks j..k
    (on the tie-pooled points sorted by x). Cubic, independent of PAVA; for small inputs only."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    w = np.ones_like(y) if w is None else np.asarray(w, dtype=np.float64)
    ux = np.unique(x)
    uw = np.array([w[x == v].sum() for v in ux])
    uy = np.array([(w[x == v] * y[x == v]).sum() for v in ux]) / uw
    cw, cwy = np.concatenate([[0.0], np.cumsum(uw)]), np.concatenate([[0.0], np.cumsum(uw * uy)])
    m = len(ux)
    fit_u = np.empty(m)
    for i in range(m):
        j = np.arange(i + 1)[:, None]
        k = np.arange(i, m)[None, :]
        means = (cwy[k + 1] - cwy[j]) / (cw[k + 1] - cw[j])
        fit_u[i] = means.min(axis=1).max()
    return np.array([fit_u[np.searchsorted(ux, v)] for v in x])


def _fit(sol, x, y, w=None):
    got = np.asarray(sol.isotonic_fit(x, y, w))
    assert got.shape == (len(x),) and got.dtype == np.float64, f"expected a float64 array of shape {(len(x),)}"
    return got


def _check(sol, x, y, w=None):
    got = _fit(sol, x, y, w)
    assert np.allclose(got, _reference(x, y, w), rtol=RTOL, atol=ATOL), "fitted values differ from the optimum"
    return got


def test_edge_empty_and_single(sol):
    assert _fit(sol, np.zeros(0), np.zeros(0)).shape == (0,)
    assert np.allclose(_check(sol, np.array([3.0]), np.array([-2.0])), [-2.0])


def test_edge_already_monotone_is_unchanged(sol):
    x = np.array([5.0, 1.0, 3.0, 2.0])
    y = np.array([9.0, 0.5, 4.0, 1.0])
    assert np.allclose(_check(sol, x, y), y), "a non-decreasing y needs no pooling"


def test_edge_decreasing_pools_into_one_block(sol):
    y = np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    assert np.allclose(_check(sol, np.arange(5.0), y), 3.0), "a decreasing sequence pools to its mean"


def test_edge_tied_x_share_one_value(sol):
    x = np.array([1.0, 1.0, 2.0, 2.0, 2.0, 3.0])
    y = np.array([0.0, 1.0, 5.0, 0.0, 1.0, 3.0])
    fit = _check(sol, x, y)
    assert fit[0] == fit[1] and fit[2] == fit[3] == fit[4], "points with the same x get the same fitted value"
    _check(sol, np.array([0.0, 0.0, 1.0]), np.array([1.0, 2.0, 1.5]))


def test_edge_pooling_cascades_backwards(sol):
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0, -20.0])
    _check(sol, np.arange(6.0), y)
    _check(sol, np.arange(7.0), np.array([3.0, 4.0, 1.0, 5.0, 6.0, 2.0, 0.0]))


def test_shape_unsorted_input_order(sol):
    rng = np.random.default_rng(0)
    x = rng.permutation(30).astype(float)
    y = x + rng.normal(size=30) * 5
    _check(sol, x, y)


def test_random_with_weights(sol):
    rng = np.random.default_rng(1)
    for _ in range(20):
        n = int(rng.integers(1, 60))
        x = rng.integers(0, 25, size=n).astype(float)  # many ties
        y = 0.2 * x + rng.normal(size=n) * 2
        w = rng.uniform(0.1, 5, size=n) if rng.random() < 0.6 else None
        _check(sol, x, y, w)


def test_random_binary_outcomes_calibration(sol):
    rng = np.random.default_rng(2)
    scores = rng.normal(size=150)
    y = (rng.random(150) < 1 / (1 + np.exp(-2 * scores))).astype(float)
    fit = _check(sol, scores, y)
    assert fit.min() >= 0 and fit.max() <= 1, "fitted probabilities of 0/1 outcomes stay in [0, 1]"


def test_property_monotone_and_mean_preserving(sol):
    rng = np.random.default_rng(3)
    x, y, w = rng.normal(size=500), rng.normal(size=500), rng.uniform(0.5, 2, size=500)
    fit = _fit(sol, x, y, w)
    order = np.argsort(x)
    assert np.all(np.diff(fit[order]) >= -1e-12), "the fit must be non-decreasing in x"
    assert np.isclose(np.sum(w * fit), np.sum(w * y), rtol=1e-9), "pooling keeps the weighted mean"
    assert np.allclose(_fit(sol, x, fit, w), fit, rtol=RTOL, atol=ATOL), "fitting a fitted sequence changes nothing"


def test_property_integer_weights_equal_repeated_points(sol):
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=40), rng.normal(size=40)
    counts = rng.integers(1, 4, size=40)
    weighted = _fit(sol, x, y, counts.astype(float))
    repeated = _fit(sol, np.repeat(x, counts), np.repeat(y, counts))
    assert np.allclose(np.repeat(weighted, counts), repeated, rtol=RTOL, atol=ATOL), (
        "a weight of 3 must act like three copies of the point"
    )


def test_numeric_large_input(sol):
    rng = np.random.default_rng(5)
    n = 200_000
    x = rng.uniform(0, 1, size=n).round(4)  # ties
    y = np.sin(6 * x) + rng.normal(size=n)
    fit = _fit(sol, x, y)
    order = np.argsort(x, kind="stable")
    assert np.all(np.diff(fit[order]) >= -1e-12), "the fit must be non-decreasing in x"
    ux, inv = np.unique(x, return_inverse=True)
    assert np.all(fit == fit[np.unique(inv, return_index=True)[1]][inv]), "tied x share one value"
    sub = slice(0, 300)
    assert np.allclose(_fit(sol, x[sub], y[sub]), _reference(x[sub], y[sub]), rtol=RTOL, atol=ATOL)


def test_numeric_large_offsets_and_float32(sol):
    rng = np.random.default_rng(6)
    x = rng.normal(size=50)
    y = 1e9 + rng.normal(size=50)
    _check(sol, x, y)
    _check(sol, x.astype(np.float32), (y - 1e9).astype(np.float32))
