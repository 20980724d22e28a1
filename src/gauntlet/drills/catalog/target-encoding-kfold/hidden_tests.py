import numpy as np

RTOL, ATOL = 1e-9, 1e-12


def _smoothed_mean(pairs, category, m):
    ys = [t for c, t in pairs]
    prior = sum(ys) / len(ys)
    own = [t for c, t in pairs if c == category]
    return prior if not own else (sum(own) + m * prior) / (len(own) + m)


def _ref_oof(categories, y, folds, m):
    rows = list(zip(categories, np.asarray(y, dtype=float).tolist(), np.asarray(folds).tolist()))
    out = []
    for c, _, f in rows:
        others = [(c2, t2) for c2, t2, f2 in rows if f2 != f]
        out.append(_smoothed_mean(others, c, m))
    return np.array(out)


def _ref_new(train, y, new, m):
    pairs = list(zip(train, np.asarray(y, dtype=float).tolist()))
    return np.array([_smoothed_mean(pairs, c, m) for c in new])


def _ref_oof_fast(categories, y, folds, m):
    # dictionaries per fold, for the large test
    y, folds = np.asarray(y, dtype=float), np.asarray(folds)
    out = np.empty(len(y))
    for f in np.unique(folds):
        counts, sums = {}, {}
        for c, t in zip((c for c, g in zip(categories, folds) if g != f), y[folds != f]):
            counts[c] = counts.get(c, 0) + 1
            sums[c] = sums.get(c, 0.0) + t
        prior = y[folds != f].mean()
        for i in np.flatnonzero(folds == f):
            c = categories[i]
            out[i] = (sums[c] + m * prior) / (counts[c] + m) if c in counts else prior
    return out


def _oof(sol, categories, y, folds, m):
    got = np.asarray(sol.target_encode_out_of_fold(categories, y, folds, m))
    assert got.shape == (len(y),) and got.dtype == np.float64, f"expected a float64 array of shape {(len(y),)}"
    return got


def _check_oof(sol, categories, y, folds, m, reference=_ref_oof):
    got = _oof(sol, categories, y, folds, m)
    expected = reference(categories, y, folds, m)
    bad = np.flatnonzero(~np.isclose(got, expected, rtol=RTOL, atol=ATOL))
    assert bad.size == 0, (
        f"{bad.size} rows differ, e.g. row {bad[0]} (category {categories[bad[0]]!r}, fold {folds[bad[0]]}): "
        f"expected {expected[bad[0]]:.12g}, got {got[bad[0]]:.12g}" if bad.size else ""
    )
    return got


def _check_new(sol, train, y, new, m):
    got = np.asarray(sol.target_encode_new(train, y, new, m))
    assert got.shape == (len(new),), f"expected shape {(len(new),)}"
    assert np.allclose(got, _ref_new(train, y, new, m), rtol=RTOL, atol=ATOL), "encodings of new rows differ"
    return got


def _data(seed, n, n_cats, n_folds, zipf=True):
    rng = np.random.default_rng(seed)
    ids = (rng.zipf(1.5, size=n) % n_cats) if zipf else rng.integers(0, n_cats, size=n)
    categories = [f"m{i}" for i in ids]
    rate = rng.uniform(0, 1, size=n_cats)
    y = (rng.random(n) < rate[ids]).astype(float)
    return categories, y, rng.integers(0, n_folds, size=n)


def test_edge_category_only_in_its_own_fold(sol):
    cats = ["solo", "a", "a", "b", "a", "b"]
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0])
    folds = np.array([0, 1, 1, 0, 1, 1])
    enc = _check_oof(sol, cats, y, folds, 5.0)
    assert np.isclose(enc[0], y[folds != 0].mean()), "a category absent from the other folds gets their prior"


def test_edge_no_smoothing(sol):
    cats = ["a", "b", "a", "b", "c", "a"]
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    folds = np.array([0, 0, 1, 1, 2, 2])
    _check_oof(sol, cats, y, folds, 0.0)  # "c" only in fold 2: plain means, but the prior for the unseen one
    _check_new(sol, cats, y, ["a", "c", "never"], 0.0)


def test_edge_new_rows_empty_and_unseen(sol):
    assert np.asarray(sol.target_encode_new(["a", "b"], np.array([1.0, 0.0]), [], 3.0)).shape == (0,)
    _check_new(sol, ["a", "b", "a"], np.array([1.0, 0.0, 1.0]), ["z", "y", "a"], 3.0)


def test_edge_unicode_categories_are_exact(sol):
    cats = ["Café", "café", "cafe\u0301", "café", "Café", "東京", "東京", "🍕", "cafe\u0301", "café"]
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0])
    folds = np.array([0, 1, 0, 1, 1, 0, 1, 0, 1, 0])
    _check_oof(sol, cats, y, folds, 1.0)
    _check_new(sol, cats, y, ["CAFÉ", "café", "cafe\u0301", "東京"], 1.0)


def test_shape_integer_categories_and_real_targets(sol):
    rng = np.random.default_rng(0)
    cats = rng.integers(0, 12, size=80).tolist()
    y = rng.normal(3.0, 2.0, size=80)
    folds = rng.integers(0, 4, size=80)
    _check_oof(sol, cats, y, folds, 7.5)
    _check_new(sol, cats, y, [0, 5, 99], 7.5)


def test_random_fold_setups(sol):
    rng = np.random.default_rng(1)
    for _ in range(8):
        cats, y, folds = _data(int(rng.integers(1000)), int(rng.integers(5, 120)), int(rng.integers(2, 30)),
                               int(rng.integers(2, 6)))
        if len(set(folds.tolist())) > 1:
            _check_oof(sol, cats, y, folds, float(rng.choice([0.0, 1.0, 10.0, 100.0])))


def test_property_no_row_sees_its_own_label(sol):
    cats, y, folds = _data(2, 400, 40, 5)
    enc = _oof(sol, cats, y, folds, 2.0)
    flipped = y.copy()
    fold0 = folds == 0
    flipped[fold0] = 1 - flipped[fold0]
    enc2 = _oof(sol, cats, flipped, folds, 2.0)
    assert np.allclose(enc[fold0], enc2[fold0], rtol=RTOL, atol=ATOL), (
        "changing fold 0's labels must not change fold 0's encodings"
    )


def test_property_large_smoothing_tends_to_the_prior(sol):
    cats, y, folds = _data(3, 200, 10, 4)
    enc = _oof(sol, cats, y, folds, 1e12)
    priors = np.array([y[folds != f].mean() for f in folds])
    assert np.allclose(enc, priors, rtol=1e-6, atol=1e-9), "with a huge m every encoding is its fold's prior"


def test_numeric_many_rows_and_categories(sol):
    cats, y, folds = _data(4, 50_000, 2000, 5)
    _check_oof(sol, cats, y, folds, 20.0, reference=_ref_oof_fast)


def test_numeric_float32_inputs(sol):
    # float32 real-valued targets near 1e4 (prices, say), 20,000 rows: category sums and fold priors accumulated
    # in float32 drift by ~1e-7 relative or more, far outside rtol=1e-9. Computed in float64, the float32
    # values give the float64 encodings.
    cats, _, folds = _data(5, 20_000, 300, 5)
    rng = np.random.default_rng(5)
    y32 = (1e4 + 50.0 * rng.normal(size=20_000)).astype(np.float32)
    y = y32.astype(np.float64)
    got = _oof(sol, cats, y32, folds, 20.0)  # also checks float64 (n,)
    expected = _ref_oof_fast(cats, y, folds, 20.0)
    assert np.allclose(got, expected, rtol=RTOL, atol=ATOL), (
        "float32 y: compute in float64 (rtol=1e-9, atol=1e-12 against the float64 encodings)"
    )
    new = ["m0", "m1", "m7", "never"]
    got_new = np.asarray(sol.target_encode_new(cats, y32, new, 20.0))
    assert got_new.dtype == np.float64, "target_encode_new must return float64 for float32 y too"
    assert np.allclose(got_new, _ref_new(cats, y, new, 20.0), rtol=RTOL, atol=ATOL), (
        "float32 y, new rows: compute in float64 (rtol=1e-9, atol=1e-12 against the float64 encodings)"
    )
