import numpy as np

RTOL, ATOL = 1e-7, 1e-9


def _assign(X, C):
    return np.argmin(((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2), axis=1)


def _reference(X, C, max_iters):
    X, C = np.asarray(X, float), np.array(C, float)
    labels = _assign(X, C)
    for _ in range(max_iters):
        new_C = C.copy()
        for j in range(len(C)):
            if np.any(labels == j):
                new_C[j] = X[labels == j].mean(axis=0)
        C = new_C
        new_labels = _assign(X, C)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return C, labels, float(((X - C[labels]) ** 2).sum())


def _blobs(seed, n_per, centres, spread=1.0):
    rng = np.random.default_rng(seed)
    centres = np.asarray(centres, float)
    return np.concatenate([c + spread * rng.normal(size=(n_per, centres.shape[1])) for c in centres])


def _run(sol, X, init, max_iters=100):
    C, labels, inertia = sol.kmeans(X, init, max_iters)
    C, labels = np.asarray(C, dtype=float), np.asarray(labels)
    assert C.shape == np.shape(init), "centroids have the shape of init_centroids"
    assert labels.shape == (len(X),) and labels.dtype.kind in "iu", "labels: integer array (n,)"
    assert np.ndim(inertia) == 0
    return C, labels, float(inertia)


def _check_against_reference(sol, X, init, max_iters=100):
    C, labels, inertia = _run(sol, X, init, max_iters)
    ref_C, ref_labels, ref_inertia = _reference(X, init, max_iters)
    assert np.allclose(C, ref_C, rtol=RTOL, atol=ATOL), "centroids differ from Lloyd's iterations"
    assert np.array_equal(labels, ref_labels), "labels differ"
    assert np.isclose(inertia, ref_inertia, rtol=RTOL, atol=ATOL), "inertia differs"


def test_edge_max_iters_zero(sol):
    X = _blobs(0, 10, [[0, 0], [5, 5]])
    init = np.array([[1.0, 1.0], [4.0, 4.0]])
    C, labels, inertia = _run(sol, X, init, 0)
    assert np.allclose(C, init) and np.array_equal(labels, _assign(X, init))
    assert np.isclose(inertia, ((X - init[labels]) ** 2).sum(), rtol=RTOL)


def test_edge_max_iters_one(sol):
    X = _blobs(1, 15, [[0, 0], [4, 0], [2, 3]])
    init = X[[0, 1, 2]]  # three points from the same blob: far from converged after one update
    _check_against_reference(sol, X, init, 1)


def test_edge_empty_cluster(sol):
    X = _blobs(2, 20, [[0, 0], [6, 6]])
    init = np.array([[0.0, 0.0], [6.0, 6.0], [100.0, -100.0]])
    C, _labels, _ = _run(sol, X, init)
    assert np.all(np.isfinite(C)), "an empty cluster must not produce NaN"
    assert np.allclose(C[2], [100.0, -100.0]), "an empty cluster keeps its previous centroid"
    _check_against_reference(sol, X, init)


def test_edge_single_cluster_and_single_point(sol):
    X = _blobs(3, 30, [[2, -1]])
    C, labels, inertia = _run(sol, X, X[:1])
    assert np.allclose(C, X.mean(axis=0, keepdims=True), rtol=RTOL, atol=ATOL) and np.all(labels == 0)
    assert np.isclose(inertia, ((X - X.mean(0)) ** 2).sum(), rtol=RTOL)
    C, labels, inertia = _run(sol, np.array([[3.0, 4.0]]), np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert np.allclose(C, [[0.0, 0.0], [3.0, 4.0]]) and labels.tolist() == [1] and inertia == 0.0


def test_edge_assignment_tie_goes_to_lower_index(sol):
    X = np.array([[0.0], [4.0]])
    # x = 0 is at distance 1 from both -1 and 1 (exact in binary); max_iters = 0 shows the raw assignment
    _, labels, _ = _run(sol, X, np.array([[-1.0], [1.0]]), 0)
    assert labels.tolist() == [0, 1]


def test_shape_high_dimension(sol):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 50))
    _check_against_reference(sol, X, X[[0, 10, 20, 30]])


def test_random_against_reference(sol):
    for seed in range(4):
        rng = np.random.default_rng(10 + seed)
        X = _blobs(seed, 40, rng.uniform(-8, 8, size=(4, 2)), spread=1.5)
        k = int(rng.integers(2, 6))
        init = X[rng.choice(len(X), size=k, replace=False)]
        _check_against_reference(sol, X, init, max_iters=int(rng.integers(1, 50)))


def test_property_lloyd_fixed_point(sol):
    X = _blobs(5, 50, [[0, 0, 0], [5, 5, 0], [0, 5, 5]])
    init = X[[0, 1, 2]]
    C, labels, inertia = _run(sol, X, init, 300)
    for j in range(3):
        if np.any(labels == j):
            assert np.allclose(C[j], X[labels == j].mean(axis=0), rtol=RTOL, atol=ATOL), (
                "centroid = mean of its points"
            )
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    assert np.all(d[np.arange(len(X)), labels] <= d.min(axis=1) + 1e-9), (
        "every point is with its nearest centroid"
    )
    start = ((X - init[_assign(X, init)]) ** 2).sum()
    assert inertia <= start + 1e-9, "Lloyd's iterations never increase the inertia"


def test_property_invariant_to_row_order(sol):
    X = _blobs(6, 30, [[0, 0], [6, 0], [3, 5]])
    init = np.array([[0.5, 0.5], [5.0, 0.0], [3.0, 4.0]])
    perm = np.random.default_rng(6).permutation(len(X))
    C1, l1, i1 = _run(sol, X, init)
    C2, l2, i2 = _run(sol, X[perm], init)
    assert (
        np.allclose(C1, C2, rtol=RTOL, atol=ATOL)
        and np.array_equal(l1[perm], l2)
        and np.isclose(i1, i2, rtol=RTOL)
    )


def test_property_plus_plus_rows_distinct_reproducible(sol):
    X = _blobs(7, 25, [[0, 0], [8, 8], [-8, 8]])
    a = np.asarray(sol.kmeans_plus_plus(X, 5, 123), dtype=float)
    b = np.asarray(sol.kmeans_plus_plus(X, 5, 123), dtype=float)
    assert a.shape == (5, 2) and np.array_equal(a, b), "same seed, same centroids"
    assert all(np.any(np.all(X == row, axis=1)) for row in a), "centroids are rows of X"
    assert len({tuple(r) for r in a}) == 5, "centroids are distinct"


def test_property_plus_plus_never_repeats_duplicates(sol):
    # only three distinct points, each repeated many times: D^2 weighting must find all three
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), [200, 3, 3], axis=0)
    for seed in range(10):
        c = np.asarray(sol.kmeans_plus_plus(X, 3, seed), dtype=float)
        assert len({tuple(r) for r in c}) == 3, "a point equal to a chosen centroid has probability 0"


def test_property_plus_plus_covers_small_far_clusters(sol):
    # one big cluster and four tiny far-away ones: uniform seeding would almost always miss some
    rng = np.random.default_rng(8)
    centres = np.array([[0, 0], [100, 0], [0, 100], [-100, 0], [0, -100]], dtype=float)
    X = np.concatenate(
        [centres[0] + rng.normal(size=(500, 2))] + [c + rng.normal(size=(5, 2)) for c in centres[1:]]
    )
    good = 0
    for seed in range(20):
        chosen = np.asarray(sol.kmeans_plus_plus(X, 5, seed), dtype=float)
        nearest_centre = np.argmin(((chosen[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)
        good += len(set(nearest_centre.tolist())) == 5
    assert good >= 18, f"D^2 seeding should put one centroid in each cluster almost always ({good}/20)"


def test_property_plus_plus_weighting(sol):
    # 1-D points 0, 0.1 and 10: picking the close pair {0, 0.1} has probability < 1e-4 with D^2 weighting
    X = np.array([[0.0], [0.1], [10.0]])
    close_pair = 0
    for seed in range(60):
        c = sorted(np.asarray(sol.kmeans_plus_plus(X, 2, seed), dtype=float).ravel().tolist())
        close_pair += c == [0.0, 0.1]
    assert close_pair <= 2, f"the close pair was chosen {close_pair} times out of 60"


def test_numeric_float32_inputs(sol):
    # float32 points and initial centroids around 1e4 (float32 steps there are 1e-3): in float32 the squared
    # norms of the expansion ||x||^2 - 2 x.c + ||c||^2 (~2e8, steps of 16) swamp distances of a few units, and
    # means and differences lose digits too: labels, centroids and inertia all go wrong. Computed in float64 from
    # the float32 values given, the run matches the float64 reference.
    X = _blobs(11, 40, [[1e4, 1e4], [1e4 + 6, 1e4], [1e4, 1e4 + 6]], spread=1.5).astype(np.float32)
    init = X[[0, 1, 2]]  # three points of the first blob: several iterations to converge
    C, _, inertia = sol.kmeans(X, init, 100)
    assert np.asarray(C).dtype == np.asarray(inertia).dtype == np.float64, (
        "float32 inputs: centroids and inertia are float64"
    )
    _check_against_reference(sol, X, init)  # the reference converts to float64 (rtol 1e-7, atol 1e-9)


def test_numeric_far_from_origin(sol):
    X = _blobs(9, 30, [[1e4, 1e4], [1e4 + 10, 1e4]], spread=1.0)
    init = X[[0, 45]]
    _check_against_reference(sol, X, init)


def test_numeric_larger_problem(sol):
    rng = np.random.default_rng(10)
    X = _blobs(10, 500, rng.uniform(-20, 20, size=(8, 5)), spread=3.0)
    init = X[rng.choice(len(X), size=8, replace=False)]
    C, _labels, inertia = _run(sol, X, init, 200)
    ref_C, _ref_labels, ref_inertia = _reference(X, init, 200)
    assert np.isclose(inertia, ref_inertia, rtol=1e-6), "inertia differs from the reference run"
    assert np.allclose(C, ref_C, rtol=1e-6, atol=1e-6)
