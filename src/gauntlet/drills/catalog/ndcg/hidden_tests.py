import itertools
import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _dcg_of_order(gains, order, k):
    return sum(gains[item] / math.log2(pos + 2) for pos, item in enumerate(order) if pos < k)


def _gain(rel, gain):
    rel = np.asarray(rel, dtype=np.float64)
    return rel if gain == "linear" else 2.0**rel - 1.0


def _reference_by_permutations(rel, scores, k=None, gain="linear"):
    """Tie-averaged DCG is the mean DCG over every order of the tied items (small queries only)."""
    out = []
    for r, s in zip(rel, scores):
        g = _gain(r, gain)
        m = len(g)
        cut = m if k is None else min(k, m)
        levels = sorted(set(s.tolist()), reverse=True)
        groups = [[i for i in range(m) if s[i] == v] for v in levels]
        orders = [list(itertools.chain(*p)) for p in itertools.product(*(itertools.permutations(gr) for gr in groups))]
        dcg = sum(_dcg_of_order(g, o, cut) for o in orders) / len(orders)
        idcg = _dcg_of_order(g, np.argsort(-g, kind="stable"), cut)
        out.append(0.0 if idcg == 0 else dcg / idcg)
    return np.array(out)


def _reference(rel, scores, k=None, gain="linear"):
    """Group by group: mean gain times the sum of the group's discounts."""
    out = []
    for r, s in zip(rel, scores):
        g = _gain(r, gain)
        m = len(g)
        cut = m if k is None else min(k, m)
        disc = [1 / math.log2(i + 2) if i < cut else 0.0 for i in range(m)]
        pos, dcg = 0, 0.0
        for v in sorted(set(s.tolist()), reverse=True):
            members = [i for i in range(m) if s[i] == v]
            dcg += float(np.mean(g[members])) * math.fsum(disc[pos : pos + len(members)])
            pos += len(members)
        idcg = math.fsum(x * d for x, d in zip(sorted(g, reverse=True), disc))
        out.append(0.0 if idcg == 0 else dcg / idcg)
    return np.array(out)


def _ndcg(sol, rel, scores, k=None, gain="linear"):
    got = np.asarray(sol.ndcg(rel, scores, k, gain))
    assert got.shape == (len(rel),) and got.dtype == np.float64, f"expected a float64 array of shape {(len(rel),)}"
    assert np.all(np.isfinite(got)), "NDCG must be finite (0 when no item is relevant)"
    return got


def _check(sol, rel, scores, k=None, gain="linear", reference=_reference):
    got = _ndcg(sol, rel, scores, k, gain)
    expected = reference(rel, scores, k, gain)
    bad = np.flatnonzero(~np.isclose(got, expected, rtol=RTOL, atol=ATOL))
    assert bad.size == 0, (
        f"{bad.size} queries differ, e.g. query {bad[0]} (k = {k}, gain = {gain}): expected {expected[bad[0]]:.12g}, "
        f"got {got[bad[0]]:.12g}" if bad.size else ""
    )
    return got


def test_edge_single_item(sol):
    assert np.allclose(_check(sol, np.array([[2.0]]), np.array([[0.3]])), [1.0])


def test_edge_no_relevant_item(sol):
    got = _check(sol, np.zeros((2, 4)), np.random.default_rng(0).normal(size=(2, 4)))
    assert np.array_equal(got, [0.0, 0.0]), "IDCG = 0: NDCG is defined as 0"


def test_edge_all_scores_tied(sol):
    rel = np.array([[3.0, 0.0, 1.0, 2.0]])
    _check(sol, rel, np.full((1, 4), 0.7), reference=_reference_by_permutations)
    _check(sol, rel, np.full((1, 4), 0.7), k=2, reference=_reference_by_permutations)


def test_edge_cut_off_larger_than_list(sol):
    rel, scores = np.array([[1.0, 0.0, 2.0]]), np.array([[0.2, 0.9, 0.4]])
    assert np.allclose(_ndcg(sol, rel, scores, k=10), _ndcg(sol, rel, scores)), "k > m means every position"
    _check(sol, rel, scores, k=10)


def test_edge_perfect_and_reversed_rankings(sol):
    rel = np.array([[4.0, 3.0, 2.0, 1.0, 0.0]])
    assert np.allclose(_check(sol, rel, rel), [1.0]), "scoring items by their relevance is ideal"
    _check(sol, rel, -rel, k=3)


def test_shape_many_queries(sol):
    rng = np.random.default_rng(1)
    rel = rng.integers(0, 4, size=(30, 8)).astype(float)
    scores = rng.integers(0, 5, size=(30, 8)).astype(float)
    _check(sol, rel, scores, k=5)


def test_random_ties_against_every_order(sol):
    rng = np.random.default_rng(2)
    for _ in range(12):
        m = int(rng.integers(2, 7))
        rel = rng.integers(0, 4, size=(3, m)).astype(float)
        scores = rng.integers(0, 3, size=(3, m)).astype(float)  # heavy ties
        k = int(rng.integers(1, m + 1)) if rng.random() < 0.7 else None
        _check(sol, rel, scores, k, str(rng.choice(["linear", "exponential"])), reference=_reference_by_permutations)


def test_random_larger_queries(sol):
    rng = np.random.default_rng(3)
    rel = np.round(rng.exponential(size=(40, 50)), 1)
    scores = np.round(rel + rng.normal(size=(40, 50)), 1)
    for k in (1, 5, 10, None):
        for gain in ("linear", "exponential"):
            _check(sol, rel, scores, k, gain)


def test_property_bounded_and_order_free(sol):
    rng = np.random.default_rng(4)
    rel = rng.integers(0, 5, size=(20, 12)).astype(float)
    scores = rng.integers(0, 6, size=(20, 12)).astype(float)
    base = _ndcg(sol, rel, scores, 6)
    assert np.all((base >= 0) & (base <= 1 + 1e-12)), "NDCG lies in [0, 1]"
    perm = rng.permutation(12)
    assert np.allclose(_ndcg(sol, rel[:, perm], scores[:, perm], 6), base, rtol=RTOL, atol=ATOL), (
        "the order in which the items are listed (tied ones included) must not matter"
    )
    assert np.allclose(_ndcg(sol, rel, np.exp(scores), 6), base, rtol=RTOL, atol=ATOL), (
        "only the ranking of the scores matters"
    )


def test_property_gain_choice_matters_for_graded_relevance(sol):
    rel, scores = np.array([[3.0, 1.0, 1.0, 0.0]]), np.array([[0.1, 0.9, 0.8, 0.7]])
    lin = _check(sol, rel, scores, 3, "linear")
    exp = _check(sol, rel, scores, 3, "exponential")
    assert exp[0] < lin[0], "2^rel - 1 punishes burying the most relevant item harder"


def test_numeric_high_relevance_and_float32_scores(sol):
    rng = np.random.default_rng(5)
    rel = rng.integers(0, 30, size=(5, 20)).astype(float)
    scores = rng.normal(size=(5, 20)).astype(np.float32)
    _check(sol, rel, scores, 10, "exponential")
    _check(sol, rel, scores, None, "linear")
