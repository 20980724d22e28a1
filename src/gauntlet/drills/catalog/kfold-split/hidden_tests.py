import numpy as np


def _reference(n, k, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    bounds = np.cumsum([0] + [n // k + (1 if i < n % k else 0) for i in range(k)])
    folds = []
    for i in range(k):
        test = np.sort(order[bounds[i] : bounds[i + 1]])
        folds.append((np.setdiff1d(np.arange(n), test), test))
    return folds


def _normalise(folds):
    out = []
    for pair in folds:
        train, test = pair
        train, test = np.asarray(train), np.asarray(test)
        assert train.ndim == 1 and test.ndim == 1, "index arrays are 1-D"
        assert train.size == 0 or train.dtype.kind in "iu", "indices must be integers"
        assert test.size == 0 or test.dtype.kind in "iu", "indices must be integers"
        out.append((train.astype(np.int64), test.astype(np.int64)))
    return out


def _assert_same(got, expected):
    assert len(got) == len(expected), "one pair per fold"
    for (tr, te), (tr_ref, te_ref) in zip(got, expected):
        assert np.array_equal(te, te_ref), "test indices differ"
        assert np.array_equal(tr, tr_ref), "train indices differ"


def test_edge_leave_one_out(sol):
    folds = _normalise(sol.kfold_indices(5, 5))
    _assert_same(folds, _reference(5, 5))


def test_edge_two_samples(sol):
    folds = _normalise(sol.kfold_indices(2, 2, shuffle=True, seed=3))
    _assert_same(folds, _reference(2, 2, True, 3))


def test_edge_divisible(sol):
    _assert_same(_normalise(sol.kfold_indices(12, 4)), _reference(12, 4))


def test_edge_remainder_goes_to_first_folds(sol):
    folds = _normalise(sol.kfold_indices(11, 4))
    assert [len(te) for _, te in folds] == [3, 3, 3, 2]
    _assert_same(folds, _reference(11, 4))


def test_shape_output_structure(sol):
    folds = _normalise(sol.kfold_indices(9, 3))
    assert len(folds) == 3
    for train, test in folds:
        assert train.shape == (6,) and test.shape == (3,)


def test_random_shuffled_against_reference(sol):
    rng = np.random.default_rng(0)
    for _ in range(15):
        n = int(rng.integers(2, 60))
        k = int(rng.integers(2, n + 1))
        seed = int(rng.integers(0, 10_000))
        _assert_same(
            _normalise(sol.kfold_indices(n, k, shuffle=True, seed=seed)), _reference(n, k, True, seed)
        )


def test_random_unshuffled_against_reference(sol):
    rng = np.random.default_rng(1)
    for _ in range(15):
        n = int(rng.integers(2, 60))
        k = int(rng.integers(2, n + 1))
        _assert_same(_normalise(sol.kfold_indices(n, k)), _reference(n, k))


def test_property_partition(sol):
    for n, k, shuffle in [(23, 5, False), (23, 5, True), (100, 7, True)]:
        folds = _normalise(sol.kfold_indices(n, k, shuffle=shuffle, seed=11))
        tests = np.concatenate([te for _, te in folds])
        assert np.array_equal(np.sort(tests), np.arange(n)), "test folds must cover every sample exactly once"
        for train, test in folds:
            assert np.intersect1d(train, test).size == 0, "a sample cannot be in train and test of one fold"
            assert np.array_equal(np.union1d(train, test), np.arange(n))
            assert np.all(np.diff(train) > 0) and np.all(np.diff(test) > 0), "indices are sorted and unique"
        sizes = [len(te) for _, te in folds]
        assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)


def test_property_seed_reproducible(sol):
    a = _normalise(sol.kfold_indices(30, 4, shuffle=True, seed=42))
    b = _normalise(sol.kfold_indices(30, 4, shuffle=True, seed=42))
    c = _normalise(sol.kfold_indices(30, 4, shuffle=True, seed=43))
    _assert_same(a, b)
    assert any(not np.array_equal(x[1], y[1]) for x, y in zip(a, c)), (
        "a different seed should change the folds"
    )


def test_random_large_shuffled(sol):
    folds = _normalise(sol.kfold_indices(20_003, 10, shuffle=True, seed=7))
    _assert_same(folds, _reference(20_003, 10, True, 7))


def test_numeric_many_samples_unshuffled(sol):
    n, k = 200_003, 7
    folds = _normalise(sol.kfold_indices(n, k))
    start = 0
    for i, (train, test) in enumerate(folds):
        size = n // k + (1 if i < n % k else 0)
        assert np.array_equal(test, np.arange(start, start + size)), "unshuffled folds are consecutive blocks"
        assert len(train) == n - size and train[0] == (0 if start > 0 else size)
        start += size
