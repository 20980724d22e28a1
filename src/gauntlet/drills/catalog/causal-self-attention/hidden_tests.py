import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _reference(x, W_q, W_k, W_v, W_o, n_heads, key_padding_mask=None):
    # one query row at a time, head by head, with explicit column slices for the heads
    x = np.asarray(x, dtype=np.float64)
    W_q, W_k, W_v, W_o = (np.asarray(w, dtype=np.float64) for w in (W_q, W_k, W_v, W_o))
    batch, t, d = x.shape
    d_h = d // n_heads
    real = np.ones((batch, t), bool) if key_padding_mask is None else np.asarray(key_padding_mask, bool)
    merged = np.zeros((batch, t, d))
    weights = np.zeros((batch, n_heads, t, t))
    for b in range(batch):
        q, k, v = x[b] @ W_q, x[b] @ W_k, x[b] @ W_v
        for j in range(n_heads):
            cols = slice(j * d_h, (j + 1) * d_h)
            for i in range(t):
                keys = [s for s in range(i + 1) if real[b, s]]
                if not keys:
                    continue
                scores = [float(q[i, cols] @ k[s, cols]) / math.sqrt(d_h) for s in keys]
                top = max(scores)
                e = [math.exp(sc - top) for sc in scores]
                total = math.fsum(e)
                for s, e_s in zip(keys, e):
                    weights[b, j, i, s] = e_s / total
                merged[b, i, cols] = weights[b, j, i] @ v[:, cols]
    return merged @ W_o, weights


def _call(sol, x, W_q, W_k, W_v, W_o, n_heads, mask=None):
    out, w = sol.causal_self_attention(x, W_q, W_k, W_v, W_o, n_heads, mask)
    out, w = np.asarray(out), np.asarray(w)
    batch, t, d = np.shape(x)
    assert out.shape == (batch, t, d), f"out must have shape {(batch, t, d)}, got {out.shape}"
    assert w.shape == (batch, n_heads, t, t), f"weights must have shape {(batch, n_heads, t, t)}, got {w.shape}"
    assert out.dtype == np.float64 and w.dtype == np.float64, "return float64 arrays"
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(w)), "no NaN or inf"
    return out, w


def _check(sol, x, W_q, W_k, W_v, W_o, n_heads, mask=None):
    out, w = _call(sol, x, W_q, W_k, W_v, W_o, n_heads, mask)
    ref_out, ref_w = _reference(x, W_q, W_k, W_v, W_o, n_heads, mask)
    assert np.allclose(w, ref_w, rtol=RTOL, atol=ATOL), "attention weights differ from the reference"
    assert np.allclose(out, ref_out, rtol=RTOL, atol=ATOL), "output differs from the reference"
    return out, w


def _layer(seed, batch, t, d, scale=1.0):
    rng = np.random.default_rng(seed)
    ws = [rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4)]
    return (rng.normal(size=(batch, t, d)) * scale, *ws)


def test_edge_single_token(sol):
    x, wq, wk, wv, wo = _layer(0, 2, 1, 6)
    out, w = _check(sol, x, wq, wk, wv, wo, 3)
    assert np.allclose(w, 1.0) and np.allclose(out, x @ wv @ wo), "one token attends only to itself"


def test_edge_left_padding_gives_zero_rows(sol):
    x, wq, wk, wv, wo = _layer(1, 2, 5, 4)
    mask = np.array([[False, False, True, True, True], [True, True, True, True, True]])
    out, w = _check(sol, x, wq, wk, wv, wo, 2, mask)
    assert np.all(w[0, :, :2] == 0) and np.all(out[0, :2] == 0), (
        "queries with no allowed key: zero weights, zero output"
    )


def test_edge_right_padding(sol):
    x, wq, wk, wv, wo = _layer(2, 3, 6, 8)
    mask = np.ones((3, 6), bool)
    mask[0, 4:] = False
    mask[2, 1:] = False
    _check(sol, x, wq, wk, wv, wo, 4, mask)


def test_shape_heads_of_width_one_and_one_head(sol):
    x, wq, wk, wv, wo = _layer(3, 2, 4, 5)
    _check(sol, x, wq, wk, wv, wo, 5)
    _check(sol, x, wq, wk, wv, wo, 1)


def test_random_layers(sol):
    rng = np.random.default_rng(4)
    for _ in range(6):
        n_heads = int(rng.integers(1, 4))
        d = n_heads * int(rng.integers(1, 5))
        batch, t = int(rng.integers(1, 4)), int(rng.integers(1, 9))
        x, wq, wk, wv, wo = _layer(int(rng.integers(1000)), batch, t, d)
        mask = rng.random((batch, t)) < 0.8 if rng.random() < 0.5 else None
        _check(sol, x, wq, wk, wv, wo, n_heads, mask)


def test_property_no_information_from_the_future(sol):
    x, wq, wk, wv, wo = _layer(5, 2, 7, 6)
    out, w = _call(sol, x, wq, wk, wv, wo, 3)
    assert np.all(np.triu(w, k=1) == 0), "weights above the diagonal must be exactly 0"
    changed = x.copy()
    changed[:, 4:] = np.random.default_rng(6).normal(size=changed[:, 4:].shape) * 10
    out2, _ = _call(sol, changed, wq, wk, wv, wo, 3)
    assert np.allclose(out[:, :4], out2[:, :4], rtol=RTOL, atol=ATOL), "changing later tokens changed earlier outputs"


def test_property_rows_sum_to_one(sol):
    x, wq, wk, wv, wo = _layer(7, 3, 8, 8)
    _, w = _call(sol, x, wq, wk, wv, wo, 2)
    assert np.all(w >= 0) and np.allclose(w.sum(axis=-1), 1.0, rtol=RTOL, atol=ATOL)


def test_property_heads_are_independent_column_blocks(sol):
    x, wq, wk, wv, _ = _layer(8, 1, 5, 6)
    wo = np.eye(6)
    out, _ = _call(sol, x, wq, wk, wv, wo, 2)
    # head 0 alone: a one-head layer of width 3 built from the first three columns of each projection
    q, k, v = x[0] @ wq[:, :3], x[0] @ wk[:, :3], x[0] @ wv[:, :3]
    scores = q @ k.T / np.sqrt(3) + np.triu(np.full((5, 5), -np.inf), k=1)
    p = np.exp(scores - scores.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    assert np.allclose(out[0, :, :3], p @ v, rtol=RTOL, atol=ATOL), (
        "head 0 must use columns 0..d_h-1 of Q, K, V for every token and fill the same columns of the output"
    )


def test_numeric_large_scores_stay_finite(sol):
    x, wq, wk, wv, wo = _layer(9, 2, 6, 4, scale=300.0)
    _check(sol, x, wq, wk, wv, wo, 2)


def test_numeric_float32_inputs(sol):
    x, wq, wk, wv, wo = _layer(10, 2, 5, 6)
    _check(sol, *(a.astype(np.float32) for a in (x, wq, wk, wv, wo)), 3)
