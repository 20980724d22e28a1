import numpy as np


def _reference(n, k, test_size=None, gap=0, max_train_size=None):
    """(train_start, train_stop, test_start, test_stop) per fold, written out from the statement."""
    s = n // (k + 1) if test_size is None else test_size
    out = []
    for i in range(k):
        start = n - (k - i) * s
        stop = start - gap
        first = 0 if max_train_size is None else max(0, stop - max_train_size)
        out.append((first, stop, start, start + s))
    return out


def _check(sol, n, k, test_size=None, gap=0, max_train_size=None):
    got = sol.time_series_splits(n, k, test_size, gap, max_train_size)
    expected = _reference(n, k, test_size, gap, max_train_size)
    assert len(got) == k, f"expected {k} folds, got {len(got)}"
    case = f"n={n}, n_splits={k}, test_size={test_size}, gap={gap}, max_train_size={max_train_size}"
    for i, (pair, (a, b, c, d)) in enumerate(zip(got, expected)):
        train, test = (np.asarray(x) for x in pair)
        assert train.ndim == test.ndim == 1, "index arrays are 1-D"
        assert train.size == 0 or train.dtype.kind in "iu", "indices must be integers"
        assert np.array_equal(test, np.arange(c, d)), f"fold {i} ({case}): test should be {c}..{d - 1}"
        assert np.array_equal(train, np.arange(a, b)), (
            f"fold {i} ({case}): train should be {a}..{b - 1} ({b - a} samples)"
        )
    return got


def test_edge_minimal_series(sol):
    _check(sol, 3, 2)


def test_edge_remainder_goes_to_the_first_training_set(sol):
    folds = _check(sol, 11, 3)  # s = 2: tests 5-6, 7-8, 9-10; the first training set is 0..4
    assert np.asarray(folds[0][0]).tolist() == [0, 1, 2, 3, 4]


def test_edge_gap(sol):
    _check(sol, 20, 4, gap=2)
    _check(sol, 20, 3, test_size=4, gap=7)


def test_edge_cap_larger_than_the_history(sol):
    _check(sol, 15, 3, max_train_size=100)
    _check(sol, 15, 3, max_train_size=1)


def test_shape_explicit_test_size(sol):
    _check(sol, 30, 5, test_size=3)
    _check(sol, 30, 2, test_size=10)


def test_random_configurations(sol):
    rng = np.random.default_rng(0)
    done = 0
    while done < 40:
        n, k = int(rng.integers(3, 200)), int(rng.integers(2, 8))
        test_size = int(rng.integers(1, 20)) if rng.random() < 0.5 else None
        gap = int(rng.integers(0, 10)) if rng.random() < 0.5 else 0
        cap = int(rng.integers(1, 60)) if rng.random() < 0.5 else None
        s = n // (k + 1) if test_size is None else test_size
        if s >= 1 and n - gap - k * s >= 1:
            _check(sol, n, k, test_size, gap, cap)
            done += 1


def test_property_never_trains_on_the_future(sol):
    for train, test in sol.time_series_splits(97, 6, None, 3, None):
        train, test = np.asarray(train), np.asarray(test)
        assert train.max() + 3 < test.min(), "every training sample is at least gap + 1 steps before the test block"
    tests = np.concatenate([np.asarray(t) for _, t in sol.time_series_splits(97, 6)])
    assert np.array_equal(tests, np.arange(97 - 6 * 13, 97)), "the test blocks tile the end of the series"


def test_property_window_slides_when_capped(sol):
    sizes = [len(np.asarray(tr)) for tr, _ in sol.time_series_splits(100, 5, 10, 0, 30)]
    assert sizes == [30] * 5, "a capped window has a constant size once the history is long enough"
    grown = [len(np.asarray(tr)) for tr, _ in sol.time_series_splits(100, 5, 10)]
    assert grown == sorted(grown) and grown[0] < grown[-1], "an uncapped window grows"


def test_numeric_long_series(sol):
    _check(sol, 200_003, 7, gap=24, max_train_size=100_000)
