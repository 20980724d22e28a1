from collections import deque

import numpy as np


def _reference(X, eps, min_samples):
    # breadth-first growth from each unlabelled core point, in index order
    X = np.asarray(X, dtype=np.float64)
    n = len(X)
    dist = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)) if n else np.zeros((0, 0))
    near = [set(np.flatnonzero(dist[i] <= eps).tolist()) for i in range(n)]
    core = [len(near[i]) >= min_samples for i in range(n)]
    labels = [-1] * n
    cluster = 0
    for i in range(n):
        if not core[i] or labels[i] != -1:
            continue
        labels[i] = cluster
        queue = deque([i])
        while queue:
            p = queue.popleft()
            for q in sorted(near[p]):
                if labels[q] == -1:
                    labels[q] = cluster
                    if core[q]:
                        queue.append(q)
        cluster += 1
    return np.array(labels, dtype=np.int64)


def _labels(sol, X, eps, min_samples):
    got = np.asarray(sol.dbscan(X, eps, min_samples))
    assert got.shape == (len(X),), f"expected labels of shape {(len(X),)}, got {got.shape}"
    assert got.size == 0 or got.dtype.kind in "iu", "labels must be integers"
    return got.astype(np.int64)


def _check(sol, X, eps, min_samples):
    got = _labels(sol, X, eps, min_samples)
    expected = _reference(X, eps, min_samples)
    wrong = np.flatnonzero(got != expected)
    assert wrong.size == 0, (
        f"{wrong.size} labels differ, e.g. point {wrong[0]}: expected {expected[wrong[0]]}, got {got[wrong[0]]}"
        if wrong.size else ""
    )
    return got


def _blobs(seed, n_per, centres, spread, n_noise, box):
    rng = np.random.default_rng(seed)
    parts = [c + spread * rng.normal(size=(n_per, len(c))) for c in np.asarray(centres, dtype=float)]
    parts.append(rng.uniform(-box, box, size=(n_noise, len(centres[0]))))
    X = np.vstack(parts)
    return X[rng.permutation(len(X))]


def test_edge_no_points(sol):
    assert _labels(sol, np.zeros((0, 2)), 1.0, 3).shape == (0,)


def test_edge_everything_is_noise(sol):
    X = np.arange(10.0).reshape(5, 2) * 10
    assert np.all(_check(sol, X, 1.0, 2) == -1)


def test_edge_min_samples_one(sol):
    X = np.array([[0.0], [0.5], [5.0], [9.0], [9.9]])
    labels = _check(sol, X, 1.0, 1)
    assert labels.tolist() == [0, 0, 1, 2, 2], "with min_samples = 1 every point is core: no noise"


def test_edge_eps_is_inclusive_and_self_counts(sol):
    grid = np.array([[x, y] for x in range(4) for y in range(4)], dtype=float)  # unit grid
    _check(sol, grid, 1.0, 5)  # interior points have exactly 5 (themselves + 4 at distance 1)
    _check(sol, grid, 1.0, 4)
    _check(sol, grid, 2.0 ** 0.5, 9)  # diagonals at exactly sqrt(2)
    line = np.array([[0.0], [2.0], [4.0], [7.0]])
    assert _check(sol, line, 2.0, 2).tolist() == [0, 0, 0, -1]


def test_edge_duplicate_points(sol):
    X = np.array([[1.0, 1.0]] * 4 + [[5.0, 5.0]] * 2 + [[1.0, 1.5]])
    _check(sol, X, 0.1, 3)
    _check(sol, X, 0.6, 3)


def test_edge_border_point_between_clusters(sol):
    left = [[0.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]
    right = [[4.0, 0.0], [4.0, 1.0], [5.0, 0.0], [4.0, -1.0]]
    bridge = [[2.0, 0.0]]  # 2 away from (0, 0) and (4, 0): a border point of both clusters
    X = np.array(right + bridge + left)  # the right cluster has the smaller first core index
    labels = _check(sol, X, 2.0, 4)
    assert labels[4] == labels[0] == 0, "the border point joins the smallest-numbered cluster"
    X = np.array(bridge + left + right)
    assert _check(sol, X, 2.0, 4)[0] == 0


def test_shape_one_dimensional_and_float32(sol):
    X = _blobs(1, 30, [[0.0], [5.0]], 0.4, 10, 8)
    _check(sol, X, 0.3, 4)
    _check(sol, X.astype(np.float32).astype(np.float64), 0.3, 4)
    got = _labels(sol, X.astype(np.float32), 0.3, 4)
    assert np.array_equal(got, _reference(X.astype(np.float32), 0.3, 4))


def test_random_blobs_with_noise(sol):
    rng = np.random.default_rng(2)
    for _ in range(6):
        d = int(rng.integers(2, 4))
        centres = rng.uniform(-10, 10, size=(int(rng.integers(2, 5)), d))
        X = _blobs(int(rng.integers(1000)), int(rng.integers(10, 40)), centres, 0.8, 30, 12)
        _check(sol, X, float(rng.uniform(0.5, 1.5)), int(rng.integers(2, 8)))


def test_random_integer_points_with_many_ties(sol):
    rng = np.random.default_rng(3)
    for _ in range(8):
        X = rng.integers(0, 8, size=(60, 2)).astype(float)
        _check(sol, X, float(rng.choice([1.0, 2.0, 2.0 ** 0.5])), int(rng.integers(2, 7)))


def test_property_core_partition_ignores_order(sol):
    X = _blobs(4, 40, [[0, 0], [6, 0], [3, 5]], 1.0, 20, 8)
    eps, min_samples = 1.0, 5
    labels = _labels(sol, X, eps, min_samples)
    perm = np.random.default_rng(5).permutation(len(X))
    labels_perm = np.empty_like(labels)
    labels_perm[perm] = _labels(sol, X[perm], eps, min_samples)
    dist = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))
    core = (dist <= eps).sum(axis=1) >= min_samples
    same = labels[core][:, None] == labels[core][None, :]
    same_perm = labels_perm[core][:, None] == labels_perm[core][None, :]
    assert np.array_equal(same, same_perm), "which core points share a cluster must not depend on the order"
    assert np.array_equal(labels == -1, labels_perm == -1), "noise must not depend on the order"


def test_property_scale_invariance(sol):
    X = _blobs(6, 25, [[0, 0], [5, 5]], 0.7, 15, 9)
    a = _labels(sol, X, 0.9, 4)
    b = _labels(sol, X * 1000.0, 900.0, 4)
    assert np.array_equal(a, b), "scaling X and eps together changes nothing"


def test_numeric_larger_dataset(sol):
    X = _blobs(7, 300, [[0, 0, 0, 0, 0], [4, 4, 4, 4, 4], [-4, 4, -4, 4, -4], [8, 0, 0, 8, 0]], 1.0, 300, 10)
    _check(sol, X, 1.6, 6)
