import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _error(X, y, w, j, t, s):
    pred = np.where(X[:, j] > t, s, -s)
    return float(w[pred != y].sum() / w.sum())


def _candidates(X, y, w):
    out = []
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            for s in (1, -1):
                out.append((j, float(t), s, _error(X, y, w, j, t, s)))
    return out


def _check(sol, X, y, w=None):
    return _verify(sol.fit_stump(X, y) if w is None else sol.fit_stump(X, y, w), X, y, w)


def _verify(result, X, y, w=None):
    weights = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
    candidates = _candidates(X, y, weights)
    if not candidates:
        assert result is None, "no feature has two distinct values -> None"
        return None
    assert result is not None
    feature, threshold, polarity, error = result
    assert int(polarity) in (1, -1), "polarity is +1 or -1"
    match = [c for c in candidates if c[0] == feature and np.isclose(c[1], threshold, rtol=1e-12, atol=0)]
    assert match, "threshold must be a midpoint between consecutive distinct values"
    own = _error(X, y, weights, int(feature), threshold, int(polarity))
    assert np.isclose(error, own, rtol=RTOL, atol=ATOL), "reported error does not match the stump returned"
    assert error <= min(c[3] for c in candidates) + 1e-12, "a stump with lower weighted error exists"
    return result


def test_edge_no_candidate(sol):
    assert sol.fit_stump(np.ones((4, 2)), np.array([1, -1, 1, -1])) is None
    assert sol.fit_stump(np.array([[0.3]]), np.array([1])) is None


def test_edge_single_class(sol):
    X = np.array([[2.0], [1.0], [3.0], [4.0]])
    # all positive, uniform weights 1/4 (exact in binary): (1.5, +1) and (3.5, -1) both misclassify one
    # point; the smaller threshold wins
    _feature, threshold, polarity, error = _check(sol, X, np.array([1, 1, 1, 1]))
    assert (threshold, int(polarity)) == (1.5, 1) and np.isclose(error, 0.25, rtol=RTOL)


def test_edge_ties_threshold_then_polarity(sol):
    # weights are powers of two, so equal errors are exactly equal in floating point
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([1, -1, 1, -1])
    feature, threshold, polarity, error = sol.fit_stump(X, y, np.full(4, 0.25))
    # error 1/4 at thresholds 0.5 and 2.5 (polarity -1) on both identical features: feature 0, threshold 0.5
    assert (int(feature), threshold, int(polarity)) == (0, 0.5, -1) and np.isclose(error, 0.25)
    # a single threshold where both polarities err on half the weight: polarity +1 comes first
    feature, threshold, polarity, error = sol.fit_stump(np.array([[0.0], [1.0]]), np.array([1, 1]))
    assert (int(feature), threshold, int(polarity)) == (0, 0.5, 1) and np.isclose(error, 0.5)


def test_edge_zero_weights_are_ignored(sol):
    X = np.array([[1.0], [2.0], [3.0], [4.0]])
    y = np.array([-1, 1, -1, 1])
    w = np.array([1.0, 1.0, 0.0, 1.0])  # the sample that breaks the pattern has no weight
    _feature, threshold, polarity, error = _check(sol, X, y, w)
    assert error == 0.0 and (threshold, polarity) == (1.5, 1)


def test_shape_predict(sol):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(9, 3))
    pred = np.asarray(sol.predict_stump(X, 2, 0.1, -1))
    assert pred.shape == (9,) and pred.dtype.kind in "iu"
    assert np.array_equal(pred, np.where(X[:, 2] > 0.1, -1, 1))


def test_shape_types(sol):
    feature, threshold, polarity, error = sol.fit_stump(np.array([[0.0], [1.0]]), np.array([-1, 1]))
    assert isinstance(feature, (int, np.integer)) and isinstance(polarity, (int, np.integer))
    assert np.ndim(threshold) == 0 and np.ndim(error) == 0


def test_random_uniform_weights(sol):
    rng = np.random.default_rng(1)
    for _ in range(6):
        n, d = int(rng.integers(4, 50)), int(rng.integers(1, 4))
        X = rng.normal(size=(n, d))
        y = np.where(X[:, -1] + rng.normal(scale=0.8, size=n) > 0, 1, -1)
        _check(sol, X, y)


def test_random_weighted_discrete(sol):
    rng = np.random.default_rng(2)
    for _ in range(8):
        n, d = int(rng.integers(4, 60)), int(rng.integers(1, 4))
        X = rng.integers(0, 5, size=(n, d)).astype(float)
        y = rng.choice([-1, 1], size=n)
        w = rng.exponential(size=n)
        _check(sol, X, y, w)


def test_property_error_at_most_half(sol):
    rng = np.random.default_rng(3)
    for _ in range(5):
        X = rng.normal(size=(30, 2))
        y = rng.choice([-1, 1], size=30)
        _, _, _, error = sol.fit_stump(X, y, rng.random(30))
        assert error <= 0.5 + 1e-12, "one of the two polarities always has error <= 1/2"


def test_property_weight_scale_invariance(sol):
    rng = np.random.default_rng(4)
    X, y, w = rng.normal(size=(40, 3)), rng.choice([-1, 1], size=40), rng.random(40)
    a, b = sol.fit_stump(X, y, w), sol.fit_stump(X, y, w * 1000.0)
    assert a[0] == b[0] and a[2] == b[2] and np.isclose(a[1], b[1]) and np.isclose(a[3], b[3], rtol=1e-9)


def test_property_adaboost_round(sol):
    # after reweighting, the stump just chosen has weighted error exactly 1/2 — the AdaBoost identity
    rng = np.random.default_rng(5)
    X = rng.normal(size=(60, 3))
    y = np.where(X[:, 0] * X[:, 1] > 0, 1, -1)
    w = np.full(60, 1 / 60)
    for _ in range(3):
        j, t, s, err = sol.fit_stump(X, y, w)
        pred = np.asarray(sol.predict_stump(X, j, t, s))
        alpha = 0.5 * np.log((1 - err) / err)
        w = w * np.exp(-alpha * y * pred)
        w = w / w.sum()
        assert np.isclose(_error(X, y, w, j, t, s), 0.5, rtol=1e-9)
        _check(sol, X, y, w)


def test_numeric_float32_inputs(sol):
    # float32 features around 1e4 with spread 0.05: the float32 grid there is 2**-10 apart, so neighbouring
    # distinct values are often adjacent float32 numbers, and a midpoint taken in float32 rounds onto one of
    # them (then `x > t` sends that sample to the wrong side). Float32 weights summed in float32 drift beyond
    # rtol 1e-9 too. Computed in float64 from the float32 values given, the stump is the float64 optimum.
    rng = np.random.default_rng(7)
    n = 2000
    X = np.column_stack([1e4 + 0.05 * rng.normal(size=n), rng.normal(size=n), 1e4 + 0.05 * rng.normal(size=n)])
    y = np.where(X[:, 2] - 1e4 + 0.02 * rng.normal(size=n) > 0.01, 1, -1)
    X, w = X.astype(np.float32), rng.exponential(size=n).astype(np.float32)
    result = sol.fit_stump(X, y, w)
    assert result is not None and np.asarray(result[1]).dtype == np.asarray(result[3]).dtype == np.float64, (
        "float32 inputs: threshold and error are float64 (Python floats)"
    )
    feature, threshold, polarity, _ = _verify(result, X.astype(np.float64), y, w.astype(np.float64))
    pred = np.asarray(sol.predict_stump(X, feature, threshold, polarity))
    assert np.array_equal(pred, np.where(X[:, int(feature)].astype(np.float64) > threshold, polarity, -polarity)), (
        "float32 X: compare the feature with the float64 threshold"
    )


def test_numeric_large(sol):
    rng = np.random.default_rng(6)
    n, d = 5000, 6
    X = np.round(rng.normal(size=(n, d)), 2)
    y = np.where(X[:, 4] - 0.3 * X[:, 1] + rng.normal(scale=0.5, size=n) > 0.2, 1, -1)
    w = rng.exponential(size=n)
    feature, threshold, polarity, error = sol.fit_stump(X, y, w)
    best = np.inf
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        v = X[order, j]
        cut = np.flatnonzero(v[1:] != v[:-1])
        wp = np.cumsum(np.where(y[order] == 1, w[order], 0))[cut]
        wn = np.cumsum(np.where(y[order] == 1, 0, w[order]))[cut]
        e = (wp + w[y == -1].sum() - wn) / w.sum()
        best = min(best, e.min(), (1 - e).min())
    assert np.isclose(error, best, rtol=1e-9, atol=1e-12)
    assert np.isclose(error, _error(X, y, w, int(feature), threshold, int(polarity)), rtol=1e-9, atol=1e-12)
