import numpy as np

RTOL, ATOL = 1e-9, 1e-12
AVERAGES = ("none", "macro", "weighted", "micro")


def _ref_cm(y_true, y_pred, k):
    cm = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def _ratio(a, b):
    return a / b if b else 0.0


def _reference(y_true, y_pred, k, average):
    cm = _ref_cm(y_true, y_pred, k)
    tp = [int(cm[c, c]) for c in range(k)]
    fp = [int(cm[:, c].sum()) - tp[c] for c in range(k)]
    fn = [int(cm[c, :].sum()) - tp[c] for c in range(k)]
    if average == "micro":
        p, r = _ratio(sum(tp), sum(tp) + sum(fp)), _ratio(sum(tp), sum(tp) + sum(fn))
        return {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r)}
    p = [_ratio(tp[c], tp[c] + fp[c]) for c in range(k)]
    r = [_ratio(tp[c], tp[c] + fn[c]) for c in range(k)]
    f1 = [_ratio(2 * p[c] * r[c], p[c] + r[c]) for c in range(k)]
    per_class = {"precision": np.array(p), "recall": np.array(r), "f1": np.array(f1)}
    if average == "none":
        return per_class
    weights = np.ones(k) if average == "macro" else cm.sum(axis=1).astype(float)
    total = weights.sum()
    return {key: (float(v @ weights / total) if total else 0.0) for key, v in per_class.items()}


def _check(sol, y_true, y_pred, k, average):
    got = sol.precision_recall_f1(y_true, y_pred, k, average=average)
    expected = _reference(list(y_true), list(y_pred), k, average)
    assert set(got) >= {"precision", "recall", "f1"}, "keys precision, recall, f1"
    for key in ("precision", "recall", "f1"):
        value = np.asarray(got[key], dtype=float)
        if average == "none":
            assert value.shape == (k,), f"{key}: per-class values have shape (K,)"
        else:
            assert value.ndim == 0, f"{key}: averaged values are scalars"
        assert np.allclose(value, expected[key], rtol=RTOL, atol=ATOL), f"{average} {key}"


def test_edge_empty_inputs(sol):
    cm = np.asarray(sol.confusion_matrix([], [], 3))
    assert cm.shape == (3, 3) and np.all(cm == 0)
    for average in AVERAGES:
        _check(sol, [], [], 3, average)


def test_edge_single_class_everything_right(sol):
    y = [1, 1, 1, 1]
    for average in AVERAGES:
        _check(sol, y, y, 3, average)
    m = sol.precision_recall_f1(y, y, 3, average="macro")
    # the two absent classes count as zeros in the macro mean
    assert np.isclose(m["f1"], 1 / 3, rtol=RTOL, atol=ATOL)


def test_edge_never_predicted_class(sol):
    y_true, y_pred = [0, 1, 1, 0, 1], [0, 0, 0, 0, 0]
    m = sol.precision_recall_f1(y_true, y_pred, 2, average="none")
    assert np.allclose(m["precision"], [0.4, 0.0], rtol=RTOL, atol=ATOL), "never predicted -> precision 0"
    assert np.allclose(m["f1"], [4 / 7, 0.0], rtol=RTOL, atol=ATOL)
    for average in AVERAGES:
        _check(sol, y_true, y_pred, 2, average)


def test_edge_all_wrong(sol):
    for average in AVERAGES:
        _check(sol, [0, 1, 0, 1], [1, 0, 1, 0], 2, average)


def test_shape_confusion_matrix(sol):
    cm = np.asarray(sol.confusion_matrix([0, 1], [1, 1], 5))
    assert cm.shape == (5, 5), "the matrix covers all K classes, not only the observed ones"
    assert cm.dtype.kind in "iu", "counts are integers"
    assert cm.sum() == 2


def test_random_confusion_matrix(sol):
    rng = np.random.default_rng(0)
    for k in (2, 3, 7):
        y_true = rng.integers(0, k, size=300)
        y_pred = np.where(rng.random(300) < 0.6, y_true, rng.integers(0, k, size=300))
        cm = np.asarray(sol.confusion_matrix(y_true, y_pred, k))
        assert np.array_equal(cm, _ref_cm(y_true, y_pred, k))


def test_random_metrics_all_averages(sol):
    rng = np.random.default_rng(1)
    for k in (2, 4, 6):
        # skewed class frequencies so that macro, weighted and micro really differ
        probs = np.arange(1, k + 1, dtype=float) ** 2
        y_true = rng.choice(k, size=250, p=probs / probs.sum())
        y_pred = np.where(rng.random(250) < 0.5, y_true, rng.integers(0, k, size=250))
        for average in AVERAGES:
            _check(sol, y_true, y_pred, k, average)


def test_property_micro_equals_accuracy(sol):
    rng = np.random.default_rng(2)
    y_true, y_pred = rng.integers(0, 4, size=120), rng.integers(0, 4, size=120)
    m = sol.precision_recall_f1(y_true, y_pred, 4, average="micro")
    accuracy = float(np.mean(y_true == y_pred))
    for key in ("precision", "recall", "f1"):
        assert np.isclose(m[key], accuracy, rtol=RTOL, atol=ATOL), f"micro {key} equals accuracy here"


def test_property_swapping_roles_swaps_precision_and_recall(sol):
    rng = np.random.default_rng(3)
    y_true, y_pred = rng.integers(0, 3, size=90), rng.integers(0, 3, size=90)
    a = sol.precision_recall_f1(y_true, y_pred, 3, average="none")
    b = sol.precision_recall_f1(y_pred, y_true, 3, average="none")
    assert np.allclose(a["precision"], b["recall"], rtol=RTOL, atol=ATOL)
    assert np.allclose(a["f1"], b["f1"], rtol=RTOL, atol=ATOL), "F1 is symmetric in the two roles"
    cm_a = np.asarray(sol.confusion_matrix(y_true, y_pred, 3))
    cm_b = np.asarray(sol.confusion_matrix(y_pred, y_true, 3))
    assert np.array_equal(cm_a, cm_b.T)


def test_property_invariant_to_sample_order(sol):
    rng = np.random.default_rng(4)
    y_true, y_pred = rng.integers(0, 3, size=60), rng.integers(0, 3, size=60)
    perm = rng.permutation(60)
    for average in ("macro", "weighted"):
        a = sol.precision_recall_f1(y_true, y_pred, 3, average=average)
        b = sol.precision_recall_f1(y_true[perm], y_pred[perm], 3, average=average)
        assert all(np.isclose(a[key], b[key], rtol=RTOL, atol=ATOL) for key in ("precision", "recall", "f1"))


def test_property_f1_between_precision_and_recall(sol):
    rng = np.random.default_rng(5)
    y_true, y_pred = rng.integers(0, 5, size=200), rng.integers(0, 5, size=200)
    m = sol.precision_recall_f1(y_true, y_pred, 5, average="none")
    p, r, f1 = (np.asarray(m[key], dtype=float) for key in ("precision", "recall", "f1"))
    assert np.all(f1 <= np.maximum(p, r) + 1e-12) and np.all(f1 >= np.minimum(p, r) - 1e-12)


def test_numeric_large_counts(sol):
    rng = np.random.default_rng(6)
    y_true = rng.integers(0, 3, size=200_000)
    y_pred = np.where(rng.random(200_000) < 0.9, y_true, (y_true + 1) % 3)
    cm = np.asarray(sol.confusion_matrix(y_true, y_pred, 3))
    assert cm.sum() == 200_000 and np.array_equal(cm, _ref_cm(y_true.tolist(), y_pred.tolist(), 3))
    _check(sol, y_true, y_pred, 3, "macro")
