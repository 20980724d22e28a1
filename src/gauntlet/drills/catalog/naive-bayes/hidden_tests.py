import math

import numpy as np

RTOL, ATOL = 1e-9, 1e-9


def _ref_fit(X, y, alpha):
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    classes = np.array(sorted(set(y.tolist())))
    prior = np.array([math.log(np.sum(y == c) / len(y)) for c in classes])
    theta = np.empty((len(classes), X.shape[1]))
    for k, c in enumerate(classes):
        totals = X[y == c].sum(axis=0) + alpha
        theta[k] = np.log(totals / totals.sum())
    return classes, prior, theta


def _ref_log_proba(X, prior, theta):
    out = []
    for x in np.asarray(X, dtype=np.float64):
        joint = [p + float(np.dot(x, t)) for p, t in zip(prior, theta)]
        top = max(joint)
        norm = top + math.log(math.fsum(math.exp(j - top) for j in joint))
        out.append([j - norm for j in joint])
    return np.array(out).reshape(len(out), len(prior))


def _fit(sol, X, y, alpha=1.0):
    out = sol.nb_fit(X, y, alpha)
    assert len(out) == 3, "return (classes, class_log_prior, feature_log_prob)"
    classes, prior, theta = np.asarray(out[0]), np.asarray(out[1]), np.asarray(out[2])
    ref_classes, ref_prior, ref_theta = _ref_fit(X, y, alpha)
    assert classes.tolist() == ref_classes.tolist(), f"classes: expected {ref_classes.tolist()}, got {classes.tolist()}"
    assert prior.shape == ref_prior.shape and theta.shape == ref_theta.shape, "shapes (K,) and (K, V)"
    assert np.allclose(prior, ref_prior, rtol=RTOL, atol=ATOL), "class_log_prior differs: log(N_k / n)"
    assert np.allclose(theta, ref_theta, rtol=RTOL, atol=ATOL), "feature_log_prob differs"
    return classes, prior, theta


def _posterior(sol, X, prior, theta):
    got = np.asarray(sol.nb_predict_log_proba(X, prior, theta))
    expected = _ref_log_proba(X, prior, theta)
    assert got.shape == expected.shape, f"expected shape {expected.shape}, got {got.shape}"
    assert np.all(np.isfinite(got)), "log-posteriors must be finite"
    assert np.allclose(got, expected, rtol=RTOL, atol=ATOL), "log-posteriors differ"
    return got


def _corpus(seed, n, v, k, length=20):
    rng = np.random.default_rng(seed)
    topics = rng.dirichlet(np.full(v, 0.3), size=k)
    y = rng.integers(0, k, size=n)
    y[:k] = np.arange(k)  # every class present
    X = np.array([rng.multinomial(length, topics[c]) for c in y])
    return X, y


def test_edge_single_class(sol):
    X, _ = _corpus(0, 5, 4, 1)
    _, prior, theta = _fit(sol, X, np.full(5, 7))
    log_p = _posterior(sol, X, prior, theta)
    assert np.allclose(log_p, 0.0), "one class: probability 1"


def test_edge_feature_never_seen(sol):
    X = np.array([[1, 0, 0], [2, 0, 1], [0, 3, 0]])
    y = np.array([0, 0, 1])
    _, prior, theta = _fit(sol, X, y)
    assert np.all(np.isfinite(theta)), "smoothing keeps unseen features finite"
    _posterior(sol, np.array([[0, 0, 5], [0, 1, 0]]), prior, theta)


def test_edge_empty_documents_and_no_rows(sol):
    X, y = _corpus(1, 12, 6, 3)
    _, prior, theta = _fit(sol, X, y)
    log_p = _posterior(sol, np.zeros((2, 6)), prior, theta)
    assert np.allclose(log_p, prior), "an empty document's posterior is the prior"
    assert np.asarray(sol.nb_predict_log_proba(np.zeros((0, 6)), prior, theta)).shape == (0, 3)


def test_edge_labels_not_contiguous(sol):
    X, y = _corpus(2, 30, 5, 3)
    labels = np.array([-4, 10, 3])[y]
    classes, _, _ = _fit(sol, X, labels)
    assert classes.tolist() == [-4, 3, 10]


def test_shape_float_weights(sol):
    rng = np.random.default_rng(3)
    X = rng.exponential(size=(20, 7)) * (rng.random((20, 7)) < 0.4)
    y = rng.integers(0, 2, size=20)
    _, prior, theta = _fit(sol, X, y, alpha=0.5)
    _posterior(sol, X, prior, theta)


def test_random_corpora(sol):
    rng = np.random.default_rng(4)
    for _ in range(8):
        k, v = int(rng.integers(2, 6)), int(rng.integers(3, 40))
        X, y = _corpus(int(rng.integers(1000)), int(rng.integers(k, 60)), v, k)
        alpha = float(rng.choice([1e-3, 0.1, 1.0, 3.0]))
        _, prior, theta = _fit(sol, X, y, alpha)
        X_test, _ = _corpus(int(rng.integers(1000)), 15, v, k)
        _posterior(sol, X_test, prior, theta)


def test_property_feature_distributions_sum_to_one(sol):
    X, y = _corpus(5, 40, 25, 4)
    for alpha in (0.01, 1.0, 100.0):
        _, _, theta = _fit(sol, X, y, alpha)
        assert np.allclose(np.exp(theta).sum(axis=1), 1.0, rtol=1e-12), "each class's exp(theta) sums to 1"


def test_property_class_frequencies_set_the_prior(sol):
    X, _ = _corpus(6, 10, 4, 1)
    y = np.array([0] * 9 + [1])
    _, prior, _ = _fit(sol, X, y)
    assert np.allclose(np.exp(prior), [0.9, 0.1]), "the prior is the class frequency"


def test_property_row_order_does_not_matter(sol):
    X, y = _corpus(7, 30, 8, 3)
    perm = np.random.default_rng(8).permutation(30)
    _, p1, t1 = _fit(sol, X, y)
    _, p2, t2 = _fit(sol, X[perm], y[perm])
    assert np.allclose(p1, p2) and np.allclose(t1, t2)


def test_numeric_long_documents(sol):
    X, y = _corpus(9, 20, 10, 3, length=50)
    _, prior, theta = _fit(sol, X, y)
    X_long, _ = _corpus(10, 6, 10, 3, length=20_000)  # joint log-likelihoods around -40,000
    log_p = _posterior(sol, X_long, prior, theta)
    assert np.allclose(np.exp(log_p).sum(axis=1), 1.0)


def test_numeric_int_and_float32_inputs(sol):
    X, y = _corpus(11, 25, 6, 2)
    _fit(sol, X.astype(np.int32), y)
    _, prior, theta = _fit(sol, X.astype(np.float32), y.astype(np.int64))
    _posterior(sol, X.astype(np.float32), prior, theta)
