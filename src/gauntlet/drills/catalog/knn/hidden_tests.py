import numpy as np


def _reference(X_train, y_train, X_test, k):
    # direct distances and an explicit (distance, index) ordering; fine for small inputs
    preds = []
    for x in np.asarray(X_test, float):
        d = np.sqrt(((np.asarray(X_train, float) - x) ** 2).sum(axis=1))
        order = sorted(range(len(d)), key=lambda i: (d[i], i))[:k]
        labels, counts = np.unique(np.asarray(y_train)[order], return_counts=True)
        preds.append(int(labels[counts == counts.max()].min()))
    return np.array(preds)


def _pred(sol, *args):
    out = np.asarray(sol.knn_predict(*args))
    assert out.ndim == 1, "predictions are a 1-D array"
    assert out.dtype.kind in "iu", "predictions are integer labels"
    return out


def test_edge_k_equals_n(sol):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(9, 2)), np.array([2, 0, 2, 1, 0, 2, 1, 1, 2])
    pred = _pred(sol, X, y, rng.normal(size=(4, 2)), 9)
    assert np.all(pred == 2), "with k = n everyone gets the overall majority"


def test_edge_k1_on_training_points(sol):
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(30, 3)), rng.integers(0, 4, size=30)
    assert np.array_equal(_pred(sol, X, y, X, 1), y), "each training point is its own nearest neighbour"


def test_edge_single_training_point(sol):
    assert _pred(
        sol, np.array([[1.0, 1.0]]), np.array([5]), np.array([[0.0, 0.0], [9.0, 9.0]]), 1
    ).tolist() == [5, 5]


def test_edge_duplicate_training_points(sol):
    X = np.array([[0.0], [0.0], [0.0], [1.0]])
    y = np.array([3, 1, 1, 0])
    # all three duplicates tie on distance: k = 1 takes index 0 (label 3); k = 2 takes indices 0, 1
    assert _pred(sol, X, y, np.array([[0.0]]), 1).tolist() == [3]
    assert _pred(sol, X, y, np.array([[0.0]]), 2).tolist() == [1], "vote tie 3 vs 1 -> smallest label"
    assert _pred(sol, X, y, np.array([[0.0]]), 3).tolist() == [1]


def test_edge_integer_grid_ties(sol):
    # integer coordinates: every distance is exact, so ties are genuine and must follow the rules
    g = np.array([[x, y] for x in range(4) for y in range(4)], dtype=float)
    labels = np.arange(16) % 3
    queries = np.array([[1.5, 1.5], [0.0, 0.5], [3.0, 3.0], [2.0, 0.5]])
    for k in (1, 2, 3, 4, 5, 8):
        assert np.array_equal(_pred(sol, g, labels, queries, k), _reference(g, labels, queries, k)), f"k={k}"


def test_shape_output(sol):
    rng = np.random.default_rng(2)
    pred = _pred(sol, rng.normal(size=(20, 5)), rng.integers(0, 3, 20), rng.normal(size=(7, 5)), 3)
    assert pred.shape == (7,)


def test_random_against_reference(sol):
    rng = np.random.default_rng(3)
    for n, m, d, k, c in [(50, 20, 2, 5, 3), (100, 30, 10, 7, 4), (40, 10, 1, 4, 2)]:
        X_train = rng.normal(size=(n, d))
        y_train = rng.integers(0, c, size=n)
        X_test = rng.normal(size=(m, d))
        assert np.array_equal(
            _pred(sol, X_train, y_train, X_test, k), _reference(X_train, y_train, X_test, k)
        )


def test_random_sparse_label_values(sol):
    rng = np.random.default_rng(4)
    X_train, X_test = rng.normal(size=(60, 3)), rng.normal(size=(25, 3))
    y_train = rng.choice([3, 40, 1000], size=60)
    assert np.array_equal(_pred(sol, X_train, y_train, X_test, 6), _reference(X_train, y_train, X_test, 6))


def test_property_invariant_to_translation_and_rotation(sol):
    rng = np.random.default_rng(5)
    X_train, X_test = rng.normal(size=(80, 3)), rng.normal(size=(30, 3))
    y = rng.integers(0, 3, size=80)
    q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    shift = rng.normal(size=3) * 5
    a = _pred(sol, X_train, y, X_test, 5)
    b = _pred(sol, X_train @ q + shift, y, X_test @ q + shift, 5)
    assert np.array_equal(a, b), "Euclidean k-NN depends only on distances"


def test_property_separated_clusters(sol):
    rng = np.random.default_rng(6)
    centres = np.array([[0.0, 0.0], [20.0, 0.0], [0.0, 20.0]])
    X = np.concatenate([c + rng.normal(size=(30, 2)) for c in centres])
    y = np.repeat([0, 1, 2], 30)
    X_test = np.concatenate([c + rng.normal(size=(10, 2)) for c in centres])
    assert np.array_equal(_pred(sol, X, y, X_test, 7), np.repeat([0, 1, 2], 10))


def test_numeric_large_inputs(sol):
    # 1,000 x 6,000 x 32: an (m, n) distance matrix is 48 MB, an (m, n, d) difference array 1.5 GB
    rng = np.random.default_rng(7)
    X_train, X_test = rng.normal(size=(6000, 32)), rng.normal(size=(1000, 32))
    y_train = rng.integers(0, 5, size=6000)
    pred = _pred(sol, X_train, y_train, X_test, 9)
    sq = (X_test**2).sum(1)[:, None] - 2 * X_test @ X_train.T + (X_train**2).sum(1)[None, :]
    # random continuous data: no distance ties, so a partition finds the same nine neighbours
    nn = np.argpartition(sq, 8, axis=1)[:, :9]
    counts = np.stack([np.bincount(row, minlength=5) for row in y_train[nn]])
    assert np.array_equal(pred, counts.argmax(axis=1))


def test_numeric_float32_inputs(sol):
    # float32 coordinates around 1000 with unit spread: in float32 the squared norms of the expansion (~3e6,
    # steps of 0.25) swamp the squared distances to the nearest neighbours (~0.1 to 1), and about a quarter of
    # the predictions change. Computed in float64 from the float32 values given, the neighbours are those of the
    # float64 reference (the 6 nearest distances of every test point are at least 2e-5 apart: no near-ties).
    rng = np.random.default_rng(9)
    X_train = (1e3 + rng.normal(size=(200, 3))).astype(np.float32)
    X_test = (1e3 + rng.normal(size=(60, 3))).astype(np.float32)
    y = rng.integers(0, 3, size=200)
    expected = _reference(X_train.astype(np.float64), y, X_test.astype(np.float64), 5)
    assert np.array_equal(_pred(sol, X_train, y, X_test, 5), expected), (
        "float32 inputs: predictions differ from the float64 computation"
    )


def test_numeric_far_from_origin(sol):
    # coordinates around 1e4 with spacing ~1: the expansion ||a||^2 - 2ab + ||b||^2 keeps enough precision
    rng = np.random.default_rng(8)
    X_train = 1e4 + rng.normal(size=(50, 2))
    X_test = 1e4 + rng.normal(size=(20, 2))
    y = rng.integers(0, 3, size=50)
    assert np.array_equal(_pred(sol, X_train, y, X_test, 3), _reference(X_train, y, X_test, 3))
