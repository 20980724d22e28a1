import math

import numpy as np


def _reference(y, s, interpolated=False, n_positives=None):
    # threshold by threshold, straight from the definition: O(n * distinct scores)
    y, s = np.asarray(y, dtype=bool), np.asarray(s, dtype=np.float64)
    total = int(y.sum()) if n_positives is None else n_positives
    if total == 0:
        return math.nan
    recalls, precisions = [], []
    for t in sorted(set(s.tolist()), reverse=True):
        chosen = s >= t
        tp = int(np.sum(chosen & y))
        recalls.append(tp / total)
        precisions.append(tp / int(chosen.sum()))
    if interpolated:
        precisions = [max(precisions[i:]) for i in range(len(precisions))]
    ap, previous = 0.0, 0.0
    for r, p in zip(recalls, precisions):
        ap += (r - previous) * p
        previous = r
    return ap


def _ap(sol, y, s, interpolated=False, n_positives=None):
    got = sol.average_precision(y, s, interpolated, n_positives)
    assert np.ndim(got) == 0, "return a single float"
    return float(got)


def _check(sol, y, s, interpolated=False, n_positives=None):
    got = _ap(sol, y, s, interpolated, n_positives)
    expected = _reference(y, s, interpolated, n_positives)
    assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12), (
        f"expected {expected:.12g}, got {got:.12g} (interpolated = {interpolated}, n_positives = {n_positives})"
    )
    return got


def _data(seed, n, rate=0.1, separation=1.0, decimals=None):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < rate).astype(int)
    s = rng.normal(size=n) + separation * y
    return y, (np.round(s, decimals) if decimals is not None else s)


def test_edge_no_positives_is_nan(sol):
    assert math.isnan(_ap(sol, np.array([0, 0, 0]), np.array([0.3, 0.1, 0.2]))), "recall is undefined: nan"
    assert math.isnan(_ap(sol, np.zeros(0, dtype=int), np.zeros(0))), "no samples, no positives: nan"


def test_edge_all_positive_and_perfect_ranking(sol):
    assert math.isclose(_check(sol, np.ones(4, dtype=int), np.array([0.1, 0.9, 0.4, 0.4])), 1.0)
    assert math.isclose(_check(sol, np.array([0, 1, 0, 1]), np.array([0.1, 0.8, 0.2, 0.9])), 1.0)


def test_edge_worst_ranking(sol):
    y = np.array([1, 1, 0, 0, 0, 0])
    s = np.arange(6.0)  # both positives at the bottom
    _check(sol, y, s)
    _check(sol, y, s, interpolated=True)


def test_edge_all_scores_tied(sol):
    y = np.array([1, 0, 0, 1, 0])
    got = _check(sol, y, np.full(5, 0.5))
    assert math.isclose(got, 0.4), "one threshold: recall jumps to 1 at precision 2/5"


def test_edge_undetected_objects(sol):
    y, s = np.array([1, 0, 1, 1]), np.array([0.9, 0.8, 0.7, 0.1])
    _check(sol, y, s, n_positives=10)
    _check(sol, y, s, interpolated=True, n_positives=10)
    assert _ap(sol, np.zeros(0, dtype=int), np.zeros(0), n_positives=3) == 0.0, "no detections of 3 objects: AP 0"


def test_shape_lists_and_bools(sol):
    _check(sol, [True, False, True, False], [0.2, 0.4, 0.9, 0.1])


def test_random_continuous_scores(sol):
    rng = np.random.default_rng(1)
    for _ in range(15):
        y, s = _data(int(rng.integers(1000)), int(rng.integers(1, 300)), float(rng.uniform(0.02, 0.6)),
                     float(rng.uniform(-0.5, 3)))
        if y.any():
            _check(sol, y, s, bool(rng.integers(2)))


def test_random_heavily_tied_scores(sol):
    rng = np.random.default_rng(2)
    for _ in range(15):
        y, s = _data(int(rng.integers(1000)), int(rng.integers(2, 300)), 0.3, 1.0, decimals=0)
        if y.any():
            n_pos = int(y.sum()) + int(rng.integers(0, 5))
            _check(sol, y, s, bool(rng.integers(2)), n_pos if rng.random() < 0.5 else None)


def test_property_order_of_rows_does_not_matter(sol):
    y, s = _data(3, 200, 0.2, 0.8, decimals=1)
    perm = np.random.default_rng(4).permutation(200)
    assert math.isclose(_ap(sol, y, s), _ap(sol, y[perm], s[perm]), rel_tol=1e-12), (
        "tied scores cross the threshold together: the row order must not matter"
    )


def test_property_interpolated_is_at_least_plain(sol):
    y, s = _data(5, 500, 0.1, 1.0)
    plain, interp = _ap(sol, y, s), _ap(sol, y, s, interpolated=True)
    assert interp >= plain - 1e-12, "the precision envelope can only raise AP"
    assert 0 <= plain <= 1 and 0 <= interp <= 1


def test_property_random_scores_give_the_base_rate(sol):
    rng = np.random.default_rng(6)
    y = (rng.random(100_000) < 0.05).astype(int)
    ap = _ap(sol, y, rng.random(100_000))
    assert abs(ap - y.mean()) < 0.01, f"a random ranking has AP close to the positive rate {y.mean():.3f}, got {ap}"


def test_numeric_float32_scores(sol):
    # float32 scores far from 0 (1e5 + small noise): the float32 grid there is 2**-7 apart, so 2000 scores
    # take only ~18 values and tie in large groups. Ties are those of the float32 values given; the answer is
    # the float64 AP of those values (precision kept in float32 is off by ~6e-9 relative here).
    rng = np.random.default_rng(16)
    y = (rng.random(2000) < 0.3).astype(int)
    s = (1e5 + 0.02 * rng.normal(size=2000) + 0.01 * y).astype(np.float32)
    for interpolated in (False, True):
        got = sol.average_precision(y, s, interpolated)
        assert np.ndim(got) == 0 and np.asarray(got).dtype == np.float64, (
            f"float32 scores: return a float (float64), got {np.asarray(got).dtype}"
        )
        expected = _reference(y, s.astype(np.float64), interpolated)
        assert math.isclose(float(got), expected, rel_tol=1e-9, abs_tol=1e-12), (
            f"float32 scores (interpolated = {interpolated}): expected the float64 AP {expected:.12g} within "
            f"rel_tol 1e-9, got {float(got):.12g}: compute in float64"
        )


def test_numeric_large_input(sol):
    y, s = _data(7, 300_000, 0.01, 2.0, decimals=1)  # ~100 distinct scores
    _check(sol, y, s)
    _check(sol, y, s, interpolated=True)
