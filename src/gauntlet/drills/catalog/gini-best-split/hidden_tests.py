import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _gini(y):
    if len(y) == 0:
        return 0.0
    _, c = np.unique(y, return_counts=True)
    return 1.0 - np.sum((c / len(y)) ** 2)


def _all_candidates(X, y):
    # every (feature, threshold, weighted impurity), straight from the definition
    out = []
    n = len(y)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            out.append((j, float(t), (left.sum() * _gini(y[left]) + (~left).sum() * _gini(y[~left])) / n))
    return out


def _check_split(sol, X, y):
    """The returned split must be a real candidate, report its own impurity, and be (one of) the best."""
    return _verify_split(sol.best_split(X, y), X, y)


def _verify_split(result, X, y):
    candidates = _all_candidates(X, y)
    if not candidates:
        assert result is None, "no feature has two distinct values -> None"
        return None
    assert result is not None, "a split exists"
    feature, threshold, impurity = result
    assert isinstance(feature, (int, np.integer)) and 0 <= feature < X.shape[1], "feature is an int index"
    match = [c for c in candidates if c[0] == feature and np.isclose(c[1], threshold, rtol=1e-12, atol=0)]
    assert match, "threshold must be a midpoint between consecutive distinct values"
    assert np.isclose(impurity, match[0][2], rtol=RTOL, atol=ATOL), (
        "impurity does not match the split returned"
    )
    best = min(c[2] for c in candidates)
    assert impurity <= best + 1e-12, "a split with lower weighted impurity exists"
    return result


def test_edge_single_row(sol):
    assert sol.best_split(np.array([[1.0, 2.0]]), np.array([1])) is None


def test_edge_all_features_constant(sol):
    X = np.tile([[0.5, -1.0, 3.0]], (6, 1))
    assert sol.best_split(X, np.array([0, 1, 0, 1, 2, 2])) is None


def test_edge_gini_values(sol):
    assert sol.gini_impurity(np.array([], dtype=np.int64)) == 0.0
    assert np.isclose(sol.gini_impurity(np.array([4])), 0.0)
    assert np.isclose(sol.gini_impurity(np.array([0, 1, 2])), 2 / 3, rtol=RTOL)
    assert np.isclose(sol.gini_impurity(np.array([7, 7, 7, 9])), 0.375, rtol=RTOL)


def test_edge_pure_node_first_candidate(sol):
    X = np.array([[3.0, 1.0], [1.0, 0.0], [2.0, 2.0]])
    assert tuple(sol.best_split(X, np.array([1, 1, 1]))) == (0, 1.5, 0.0)


def test_edge_tie_prefers_lower_feature_then_threshold(sol):
    # feature 1 repeats feature 0's pattern: equal impurities, so feature 0 wins
    X = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]])
    y = np.array([0, 1, 1, 0])
    feature, threshold, impurity = sol.best_split(X, y)
    assert (feature, threshold) == (0, 1.5), "ties: smallest feature, then smallest threshold"
    assert np.isclose(impurity, 1 / 3, rtol=RTOL)


def test_edge_duplicate_values(sol):
    X = np.array([[1.0], [1.0], [1.0], [2.0], [2.0], [3.0]])
    y = np.array([0, 0, 1, 1, 1, 1])
    _feature, threshold, _impurity = _check_split(sol, X, y)
    assert threshold == 1.5, "rows with equal values always go to the same side"


def test_shape_types(sol):
    X = np.array([[0.0], [1.0]])
    feature, threshold, impurity = sol.best_split(X, np.array([0, 1]))
    assert int(feature) == 0 and np.ndim(threshold) == 0 and np.ndim(impurity) == 0
    assert np.ndim(sol.gini_impurity(np.array([0, 1]))) == 0


def test_random_gini(sol):
    rng = np.random.default_rng(0)
    for _ in range(10):
        y = rng.integers(0, int(rng.integers(1, 6)), size=int(rng.integers(1, 50)))
        assert np.isclose(sol.gini_impurity(y), _gini(y), rtol=RTOL, atol=ATOL)


def test_random_continuous_features(sol):
    rng = np.random.default_rng(1)
    for _ in range(6):
        n, d = int(rng.integers(5, 60)), int(rng.integers(1, 5))
        X = rng.normal(size=(n, d))
        y = (X[:, 0] + rng.normal(scale=0.7, size=n) > 0).astype(np.int64)
        _check_split(sol, X, y)


def test_random_discrete_features_multiclass(sol):
    rng = np.random.default_rng(2)
    for _ in range(6):
        n, d = int(rng.integers(5, 80)), int(rng.integers(1, 4))
        X = rng.integers(0, 4, size=(n, d)).astype(float)
        y = rng.integers(0, 4, size=n) * 3  # labels 0, 3, 6, 9
        _check_split(sol, X, y)


def test_property_improves_on_parent(sol):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    y = rng.integers(0, 3, size=40)
    _, _, impurity = sol.best_split(X, y)
    assert impurity <= _gini(y) + 1e-12, "the best split never increases impurity"


def test_property_invariant_to_row_order(sol):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(50, 4))
    y = (X[:, 2] > 0.3).astype(np.int64)
    perm = rng.permutation(50)
    a, b = sol.best_split(X, y), sol.best_split(X[perm], y[perm])
    assert a[0] == b[0] and np.isclose(a[1], b[1]) and np.isclose(a[2], b[2])


def test_property_finds_the_informative_feature(sol):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(200, 5))
    y = (X[:, 3] > 0.5).astype(np.int64)
    feature, threshold, impurity = sol.best_split(X, y)
    assert feature == 3 and abs(impurity) < 1e-12 and abs(threshold - 0.5) < 0.1


def test_numeric_float32_features(sol):
    # float32 features around 1e4 with spread 0.05: the float32 grid there is 2**-10 apart, so neighbouring
    # distinct values are often adjacent float32 numbers whose midpoint float32 cannot hold (taken in float32 it
    # rounds onto one of them). Computed in float64 from the float32 values given, the threshold is the exact
    # midpoint and the split the float64 optimum.
    rng = np.random.default_rng(7)
    n = 1500
    X = np.column_stack([rng.normal(size=n), 1e4 + 0.05 * rng.normal(size=n), 1e4 + 0.05 * rng.normal(size=n)])
    y = (X[:, 1] - 1e4 + 0.01 * rng.normal(size=n) > 0.02).astype(np.int64) + (X[:, 0] > 1.0)
    X = X.astype(np.float32)
    result = sol.best_split(X, y)
    assert result is not None and np.asarray(result[1]).dtype == np.asarray(result[2]).dtype == np.float64, (
        "float32 X: threshold and impurity are float64 (Python floats)"
    )
    _verify_split(result, X.astype(np.float64), y)


def test_numeric_large_node(sol):
    rng = np.random.default_rng(6)
    n, d = 4000, 8
    X = np.round(rng.normal(size=(n, d)), 2)  # many repeated values
    y = ((X[:, 1] + X[:, 5] + rng.normal(scale=0.5, size=n)) > 0).astype(np.int64) + (X[:, 0] > 1.5)
    feature, threshold, impurity = sol.best_split(X, y)
    # vectorised reference for this size: sorted cumulative counts per feature
    onehot = np.eye(3)[y]
    best = np.inf
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        v = X[order, j]
        cut = np.flatnonzero(v[1:] != v[:-1])
        left = np.cumsum(onehot[order], axis=0)[cut]
        nl = cut + 1.0
        right = onehot.sum(0) - left
        g = (nl * (1 - (left**2).sum(1) / nl**2) + (n - nl) * (1 - (right**2).sum(1) / (n - nl) ** 2)) / n
        best = min(best, g.min())
    assert np.isclose(impurity, best, rtol=RTOL, atol=ATOL)
    left = X[:, feature] <= threshold
    recomputed = (left.sum() * _gini(y[left]) + (~left).sum() * _gini(y[~left])) / n
    assert np.isclose(impurity, recomputed, rtol=RTOL, atol=ATOL)
