import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(Q, K, V, mask=None):
    # loop over every leading index and every query row: slow, obvious, and separate from a vectorised answer
    Q, K, V = (np.asarray(a, float) for a in (Q, K, V))
    lead = Q.shape[:-2]
    n_q, d_k = Q.shape[-2:]
    n_k, d_v = V.shape[-2:]
    full_mask = np.ones(lead + (n_q, n_k), bool) if mask is None else np.broadcast_to(mask, lead + (n_q, n_k))
    out = np.zeros(lead + (n_q, d_v))
    weights = np.zeros(lead + (n_q, n_k))
    for idx in np.ndindex(*lead):
        for i in range(n_q):
            allowed = full_mask[idx + (i,)]
            if not allowed.any():
                continue
            s = K[idx][allowed] @ Q[idx + (i,)] / np.sqrt(d_k)
            p = np.exp(s - s.max())
            p /= p.sum()
            weights[idx + (i,)][allowed] = p
            out[idx + (i,)] = p @ V[idx][allowed]
    return out, weights


def _call(sol, Q, K, V, mask=None):
    out, w = sol.scaled_dot_product_attention(Q, K, V, mask)
    out, w = np.asarray(out, dtype=float), np.asarray(w, dtype=float)
    assert out.shape == np.shape(Q)[:-1] + (np.shape(V)[-1],), "output shape (..., n_q, d_v)"
    assert w.shape == np.shape(Q)[:-1] + (np.shape(K)[-2],), "weights shape (..., n_q, n_k)"
    return out, w


def _check(sol, Q, K, V, mask=None):
    out, w = _call(sol, Q, K, V, mask)
    ref_out, ref_w = _reference(Q, K, V, mask)
    assert np.allclose(w, ref_w, rtol=RTOL, atol=ATOL), "attention weights differ"
    assert np.allclose(out, ref_out, rtol=RTOL, atol=ATOL), "attention output differs"
    return out, w


def _qkv(seed, lead, n_q, n_k, d_k, d_v, scale=1.0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=lead + (n_q, d_k)) * scale,
        rng.normal(size=lead + (n_k, d_k)) * scale,
        rng.normal(size=lead + (n_k, d_v)),
    )


def test_edge_single_key(sol):
    Q, K, V = _qkv(0, (), 3, 1, 4, 2)
    out, w = _check(sol, Q, K, V)
    assert np.allclose(w, 1.0) and np.allclose(out, np.repeat(V, 3, axis=0)), "one key takes all the weight"


def test_edge_fully_masked_rows(sol):
    Q, K, V = _qkv(1, (2,), 3, 4, 5, 2)
    mask = np.ones((2, 3, 4), bool)
    mask[0, 1] = False  # query 1 of batch 0 may attend to nothing
    mask[1, :, 2] = False
    out, w = _check(sol, Q, K, V, mask)
    assert np.all(np.isfinite(out)) and np.all(w[0, 1] == 0) and np.all(out[0, 1] == 0)


def test_edge_masked_weights_exactly_zero(sol):
    Q, K, V = _qkv(2, (), 4, 6, 3, 3)
    mask = np.random.default_rng(2).random((4, 6)) < 0.5
    mask[:, 0] = True
    _, w = _check(sol, Q, K, V, mask)
    assert np.all(w[~mask] == 0.0), "masked positions get exactly zero weight"


def test_edge_causal_mask_values(sol):
    for n in (1, 2, 5):
        m = np.asarray(sol.causal_mask(n))
        assert m.dtype == bool and np.array_equal(m, np.tril(np.ones((n, n), bool)))


def test_shape_multi_head_batch(sol):
    _check(sol, *_qkv(3, (2, 3), 5, 7, 4, 6))


def test_shape_broadcast_mask(sol):
    Q, K, V = _qkv(4, (2, 4), 6, 6, 8, 8)
    mask = np.asarray(sol.causal_mask(6))  # (6, 6) broadcast over batch and heads
    _check(sol, Q, K, V, mask)
    key_padding = np.ones((2, 1, 1, 6), bool)
    key_padding[1, ..., 4:] = False  # sequence 1 has two padding positions
    _check(sol, Q, K, V, key_padding)


def test_random_against_reference(sol):
    for seed, shape in enumerate([((), 1, 1, 1, 1), ((), 4, 9, 16, 3), ((3,), 2, 5, 64, 7)]):
        _check(sol, *_qkv(10 + seed, *shape))


def test_property_rows_sum_to_one(sol):
    Q, K, V = _qkv(5, (2,), 8, 10, 16, 4, scale=3.0)
    mask = np.random.default_rng(5).random((2, 8, 10)) < 0.7
    mask[..., 0] = True
    _, w = _call(sol, Q, K, V, mask)
    assert np.all(w >= 0) and np.allclose(w.sum(axis=-1), 1.0, rtol=RTOL, atol=ATOL)


def test_property_permutation_equivariance(sol):
    Q, K, V = _qkv(6, (), 5, 7, 4, 3)
    rng = np.random.default_rng(6)
    pq, pk = rng.permutation(5), rng.permutation(7)
    out, w = _call(sol, Q, K, V)
    out_q, _ = _call(sol, Q[pq], K, V)
    assert np.allclose(out_q, out[pq], rtol=RTOL, atol=ATOL), "permuting queries permutes the outputs"
    out_k, w_k = _call(sol, Q, K[pk], V[pk])
    assert np.allclose(out_k, out, rtol=RTOL, atol=ATOL), "permuting keys and values together changes nothing"
    assert np.allclose(w_k, w[:, pk], rtol=RTOL, atol=ATOL)


def test_property_causal_output_ignores_the_future(sol):
    Q, K, V = _qkv(7, (), 6, 6, 4, 2)
    mask = np.asarray(sol.causal_mask(6))
    out, _ = _call(sol, Q, K, V, mask)
    K2, V2 = K.copy(), V.copy()
    K2[4:] += 100.0
    V2[4:] -= 50.0  # change positions 4 and 5 only
    out2, _ = _call(sol, Q, K2, V2, mask)
    assert np.allclose(out[:4], out2[:4], rtol=RTOL, atol=ATOL), "positions 0..3 must not see positions 4, 5"


def test_numeric_huge_scores(sol):
    Q, K, V = _qkv(8, (), 4, 5, 8, 3, scale=100.0)  # scores in the thousands
    out, w = _check(sol, Q, K, V)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(w))
    mask = np.ones((4, 5), bool)
    mask[:, 1] = False
    _check(sol, Q, K, V, mask)


def test_numeric_float32_inputs(sol):
    # float32 heads with scores up to ~17 in size and a causal mask: float32 products, exp and sums are off by
    # ~1e-7 relative or more (the exp amplifies a score's error), far outside rtol=1e-9. Computed in float64, the
    # float32 values give the float64 attention of the same numbers.
    Q, K, V = (a.astype(np.float32) for a in _qkv(9, (2,), 6, 6, 32, 4, scale=3.0))
    mask = np.asarray(sol.causal_mask(6))
    out, w = sol.scaled_dot_product_attention(Q, K, V, mask)
    assert np.asarray(out).dtype == np.float64 and np.asarray(w).dtype == np.float64, (
        "output and weights must be float64 for float32 inputs too"
    )
    ref_out, ref_w = _reference(Q, K, V, mask)
    msg = "float32 Q, K, V: compute in float64 (rtol=1e-9, atol=1e-12 against the float64 result)"
    assert np.allclose(w, ref_w, rtol=RTOL, atol=ATOL), msg
    assert np.allclose(out, ref_out, rtol=RTOL, atol=ATOL), msg
