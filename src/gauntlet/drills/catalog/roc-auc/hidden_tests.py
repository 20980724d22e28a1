import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _pairwise_reference(y, s):
    y, s = np.asarray(y).astype(bool), np.asarray(s, dtype=float)
    pos, neg = s[y], s[~y]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / (len(pos) * len(neg)))


def _sorted_reference(y, s):
    # for large inputs: count, for every positive, the negatives strictly below and the ties
    y, s = np.asarray(y).astype(bool), np.asarray(s, dtype=float)
    pos, neg = s[y], np.sort(s[~y])
    below = np.searchsorted(neg, pos, side="left")
    ties = np.searchsorted(neg, pos, side="right") - below
    return float((below.sum() + 0.5 * ties.sum()) / (len(pos) * len(neg)))


def test_edge_single_class_and_empty(sol):
    assert math.isnan(sol.roc_auc(np.zeros(5, dtype=int), np.arange(5.0)))
    assert math.isnan(sol.roc_auc(np.ones(3, dtype=int), np.array([0.1, 0.1, 0.2])))
    assert math.isnan(sol.roc_auc(np.zeros(0, dtype=int), np.zeros(0)))


def test_edge_all_scores_tied(sol):
    y = np.array([1, 0, 0, 1, 1, 0, 0])
    assert np.isclose(sol.roc_auc(y, np.full(7, 0.3)), 0.5, rtol=RTOL, atol=ATOL), (
        "a constant score is a coin flip"
    )


def test_edge_one_of_each(sol):
    assert np.isclose(sol.roc_auc([0, 1], [0.2, 0.7]), 1.0)
    assert np.isclose(sol.roc_auc([0, 1], [0.7, 0.2]), 0.0)
    assert np.isclose(sol.roc_auc([0, 1], [0.4, 0.4]), 0.5)


def test_edge_boolean_labels(sol):
    y = np.array([True, False, True, False, False])
    s = np.array([0.9, 0.3, 0.3, 0.8, 0.1])
    assert np.isclose(sol.roc_auc(y, s), _pairwise_reference(y, s), rtol=RTOL, atol=ATOL)


def test_shape_returns_scalar(sol):
    auc = sol.roc_auc(np.array([0, 1, 1, 0]), np.array([0.1, 0.4, 0.35, 0.8]))
    assert np.ndim(auc) == 0 and np.isclose(auc, 0.5)


def test_random_continuous_scores(sol):
    rng = np.random.default_rng(0)
    for n in (5, 50, 400):
        y = rng.integers(0, 2, size=n)
        y[0], y[1] = 0, 1
        s = rng.normal(size=n) + 0.8 * y
        assert np.isclose(sol.roc_auc(y, s), _pairwise_reference(y, s), rtol=RTOL, atol=ATOL)


def test_random_heavily_tied_scores(sol):
    rng = np.random.default_rng(1)
    for _ in range(10):
        n = int(rng.integers(10, 300))
        y = rng.integers(0, 2, size=n)
        y[0], y[1] = 0, 1
        s = rng.integers(0, 4, size=n).astype(float) + y * rng.integers(0, 2, size=n)
        assert np.isclose(sol.roc_auc(y, s), _pairwise_reference(y, s), rtol=RTOL, atol=ATOL)


def test_random_imbalanced(sol):
    rng = np.random.default_rng(2)
    y = (rng.random(2000) < 0.02).astype(int)
    s = np.round(rng.normal(size=2000) + 1.5 * y, 1)
    assert np.isclose(sol.roc_auc(y, s), _pairwise_reference(y, s), rtol=RTOL, atol=ATOL)


def test_property_invariant_to_row_order(sol):
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=200)
    s = rng.integers(0, 5, size=200).astype(float)
    base = sol.roc_auc(y, s)
    for _ in range(3):
        perm = rng.permutation(200)
        assert np.isclose(sol.roc_auc(y[perm], s[perm]), base, rtol=RTOL, atol=ATOL), (
            "shuffling rows must not change the AUC (ties!)"
        )


def test_property_invariant_to_monotone_transform(sol):
    rng = np.random.default_rng(4)
    y = rng.integers(0, 2, size=300)
    s = rng.normal(size=300) + y
    a = sol.roc_auc(y, s)
    b = sol.roc_auc(y, np.exp(3 * s) + 10)
    assert np.isclose(a, b, rtol=RTOL, atol=ATOL), "AUC depends only on the ranking of the scores"


def test_property_flipping_labels_or_scores_complements(sol):
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, size=150)
    s = rng.integers(0, 6, size=150).astype(float)
    a = sol.roc_auc(y, s)
    assert np.isclose(sol.roc_auc(1 - y, s), 1 - a, rtol=RTOL, atol=ATOL)
    assert np.isclose(sol.roc_auc(y, -s), 1 - a, rtol=RTOL, atol=ATOL)


def test_numeric_large_input(sol):
    rng = np.random.default_rng(6)
    n = 300_000
    y = (rng.random(n) < 0.3).astype(np.int64)
    s = np.round(rng.normal(size=n) + 0.5 * y, 2)  # many ties
    assert np.isclose(sol.roc_auc(y, s), _sorted_reference(y, s), rtol=RTOL, atol=ATOL)


def test_numeric_extreme_scores(sol):
    y = np.array([0, 1, 0, 1, 1, 0])
    s = np.array([-1e300, 1e300, 1e-300, 1e-300, np.inf, -np.inf])
    assert np.isclose(sol.roc_auc(y, s), _pairwise_reference(y, s), rtol=RTOL, atol=ATOL)


def test_numeric_float32_inputs(sol):
    # float32 probabilities for 200,000 rows, squeezed just below 1.0 where float32 values are 6e-8 apart: only
    # ~1,800 distinct values, float32 rounding merged the rest into ties. The AUC of the float32 values must
    # match the exact pair count to rtol=1e-9: rank sums near 1e10 kept in float32 are off by far more.
    rng = np.random.default_rng(7)
    n = 200_000
    y = (rng.random(n) < 0.3).astype(np.int64)
    logits = rng.normal(size=n) + 1.5 * y + 12.0
    s32 = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
    expected = _sorted_reference(y, s32.astype(np.float64))
    assert np.isclose(sol.roc_auc(y, s32), expected, rtol=RTOL, atol=ATOL), (
        "float32 scores: compute in float64 (rtol=1e-9, atol=1e-12 against the exact pair count)"
    )
