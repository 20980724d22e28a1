import numpy as np

RTOL, ATOL = 1e-7, 1e-9


def _sims(queries, corpus):
    def unit(a):
        n = np.linalg.norm(a, axis=1, keepdims=True)
        return np.where(n > 0, a / np.where(n > 0, n, 1.0), 0.0)

    return unit(np.asarray(queries, float)) @ unit(np.asarray(corpus, float)).T


def _reference(queries, corpus, k):
    sims = _sims(queries, corpus)
    k = min(k, sims.shape[1])
    idx = np.array([sorted(range(sims.shape[1]), key=lambda j: (-row[j], j))[:k] for row in sims])
    return idx, np.take_along_axis(sims, idx, axis=1)


def _check(sol, queries, corpus, k, exact_indices=True):
    idx, scores = sol.cosine_top_k(queries, corpus, k)
    idx, scores = np.asarray(idx), np.asarray(scores, dtype=float)
    idx_ref, scores_ref = _reference(queries, corpus, k)
    assert idx.shape == idx_ref.shape and scores.shape == scores_ref.shape, "output shape (m, min(k, n))"
    assert np.allclose(scores, scores_ref, rtol=RTOL, atol=ATOL), "similarities differ"
    if exact_indices:
        assert np.array_equal(idx, idx_ref), "indices differ"
    # whatever the indices, they must be consistent with the scores returned
    sims = _sims(queries, corpus)
    assert np.allclose(np.take_along_axis(sims, idx.astype(np.int64), axis=1), scores, rtol=RTOL, atol=ATOL)


def test_edge_k_larger_than_corpus(sol):
    rng = np.random.default_rng(0)
    _check(sol, rng.normal(size=(2, 3)), rng.normal(size=(4, 3)), 10)


def test_edge_zero_query_and_zero_rows(sol):
    corpus = np.array([[1.0, 0.0], [0.0, 0.0], [-1.0, 0.0], [0.0, 0.0]])
    idx, scores = sol.cosine_top_k(np.array([[0.0, 0.0], [-2.0, 0.0]]), corpus, 4)
    # a zero query scores 0 against everything: all tied, so the ranking is simply index order
    assert np.asarray(idx).tolist() == [[0, 1, 2, 3], [2, 1, 3, 0]]
    assert np.allclose(scores, [[0, 0, 0, 0], [1, 0, 0, -1]], rtol=RTOL, atol=ATOL)


def test_edge_exact_ties_smaller_index_first(sol):
    # every value below is exact in binary, so the tied similarities are exactly equal
    corpus = np.array([[3.0, 4.0], [0.0, 1.0], [6.0, 8.0], [0.75, 1.0], [0.0, 5.0]])
    idx, _ = sol.cosine_top_k(np.array([[3.0, 4.0], [0.0, 2.0]]), corpus, 5)
    assert np.asarray(idx).tolist() == [[0, 2, 3, 1, 4], [1, 4, 0, 2, 3]]


def test_edge_single_item_corpus(sol):
    _check(sol, np.array([[1.0, 2.0, 3.0]]), np.array([[-1.0, 0.5, 2.0]]), 1)


def test_shape_and_dtypes(sol):
    rng = np.random.default_rng(1)
    idx, scores = sol.cosine_top_k(rng.normal(size=(7, 5)), rng.normal(size=(30, 5)), 4)
    idx, scores = np.asarray(idx), np.asarray(scores)
    assert idx.shape == (7, 4) and scores.shape == (7, 4)
    assert idx.dtype.kind in "iu" and scores.dtype.kind == "f"


def test_random_against_reference(sol):
    rng = np.random.default_rng(2)
    for m, n, d, k in [(1, 50, 8, 5), (10, 200, 16, 10), (5, 100, 300, 1)]:
        _check(sol, rng.normal(size=(m, d)), rng.normal(size=(n, d)), k)


def test_property_scale_invariance(sol):
    rng = np.random.default_rng(3)
    q, c = rng.normal(size=(4, 6)), rng.normal(size=(40, 6))
    idx_a, s_a = sol.cosine_top_k(q, c, 8)
    scales = rng.uniform(0.01, 100, size=(40, 1))
    idx_b, s_b = sol.cosine_top_k(q * 7.0, c * scales, 8)
    assert np.array_equal(np.asarray(idx_a), np.asarray(idx_b)), (
        "rescaling vectors must not change the ranking"
    )
    assert np.allclose(s_a, s_b, rtol=RTOL, atol=ATOL)


def test_property_sorted_and_bounded(sol):
    rng = np.random.default_rng(4)
    _, scores = sol.cosine_top_k(rng.normal(size=(6, 10)), rng.normal(size=(80, 10)), 20)
    scores = np.asarray(scores)
    assert np.all(np.diff(scores, axis=1) <= 1e-12), "scores decrease along each row"
    assert np.all(scores <= 1 + 1e-12) and np.all(scores >= -1 - 1e-12), "cosine lies in [-1, 1]"


def test_property_self_is_top_match(sol):
    rng = np.random.default_rng(5)
    corpus = rng.normal(size=(60, 12))
    idx, scores = sol.cosine_top_k(corpus[[3, 17, 42]], corpus, 1)
    assert np.asarray(idx).ravel().tolist() == [3, 17, 42]
    assert np.allclose(scores, 1.0, rtol=RTOL, atol=ATOL)


def test_property_permuting_corpus_permutes_indices(sol):
    rng = np.random.default_rng(6)
    q, c = rng.normal(size=(3, 5)), rng.normal(size=(50, 5))
    perm = rng.permutation(50)
    idx_a, _ = sol.cosine_top_k(q, c, 6)
    idx_b, _ = sol.cosine_top_k(q, c[perm], 6)
    assert np.array_equal(np.asarray(idx_a), perm[np.asarray(idx_b)])


def test_numeric_float32_embeddings(sol):
    # float32 embeddings (as models emit them), 768 dimensions, sharing a common component so that the top
    # similarities crowd together near 0.93: dot products and norms taken in float32 are off by ~3e-7 relative,
    # beyond rtol 1e-7. Computed in float64 from the float32 values given, scores and indices match the float64
    # reference (the top 11 of every query are at least 5e-6 apart, so the ranking is not in doubt).
    rng = np.random.default_rng(8)
    common = rng.normal(size=768)
    q = (common + 0.3 * rng.normal(size=(4, 768))).astype(np.float32)
    c = (common + 0.3 * rng.normal(size=(3000, 768))).astype(np.float32)
    idx, scores = sol.cosine_top_k(q, c, 10)
    assert np.asarray(scores).dtype == np.float64, "float32 embeddings: scores are float64"
    _check(sol, q, c, 10)  # the reference converts the float32 values to float64


def test_numeric_large_corpus(sol):
    rng = np.random.default_rng(7)
    q, c = rng.normal(size=(100, 48)), rng.normal(size=(50_000, 48))
    idx, scores = sol.cosine_top_k(q, c, 5)
    sims = _sims(q, c)
    top = np.argsort(-sims, axis=1, kind="stable")[:, :5]
    assert np.allclose(scores, np.take_along_axis(sims, top, axis=1), rtol=RTOL, atol=ATOL)
    assert np.array_equal(np.asarray(idx), top)


def test_numeric_scale_extremes(sol):
    # magnitudes from 1e-100 to 1e100 (squares stay representable): only directions matter
    corpus = np.array([[1e-100, 0.0], [0.0, 1e100], [1e90, 1e90]])
    idx, scores = sol.cosine_top_k(np.array([[1e-120, 0.0]]), corpus, 3)
    assert np.asarray(idx).tolist() == [[0, 2, 1]]
    assert np.allclose(scores, [[1.0, np.sqrt(0.5), 0.0]], rtol=RTOL, atol=ATOL)
