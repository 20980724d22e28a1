import math

import numpy as np

RTOL, ATOL = 1e-7, 1e-9


def _reference(X, weights, means, covariances):
    # point by point, with slogdet and the inverse (a different route from a Cholesky-based answer)
    X = np.asarray(X, dtype=np.float64)
    n, d = X.shape
    k = len(weights)
    inverses = [np.linalg.inv(np.asarray(c, dtype=np.float64)) for c in covariances]
    log_dets = [np.linalg.slogdet(np.asarray(c, dtype=np.float64))[1] for c in covariances]
    resp, log_px = np.zeros((n, k)), np.zeros(n)
    for i in range(n):
        a = []
        for j in range(k):
            diff = X[i] - np.asarray(means[j], dtype=np.float64)
            quad = float(diff @ inverses[j] @ diff)
            a.append(math.log(weights[j]) - 0.5 * (d * math.log(2 * math.pi) + log_dets[j] + quad))
        top = max(a)
        log_px[i] = top + math.log(math.fsum(math.exp(v - top) for v in a))
        resp[i] = [math.exp(v - log_px[i]) for v in a]
    return resp, log_px


def _call(sol, X, weights, means, covariances):
    out = sol.gmm_e_step(X, weights, means, covariances)
    assert len(out) == 2, "return (resp, log_px)"
    resp, log_px = np.asarray(out[0]), np.asarray(out[1])
    n, k = np.shape(X)[0], len(weights)
    assert resp.shape == (n, k) and log_px.shape == (n,), f"expected shapes {(n, k)} and {(n,)}"
    assert resp.dtype == np.float64 and log_px.dtype == np.float64, "return float64 arrays"
    assert np.all(np.isfinite(resp)) and np.all(np.isfinite(log_px)), "no NaN or inf"
    return resp, log_px


def _check(sol, X, weights, means, covariances, rtol=RTOL, atol=ATOL):
    resp, log_px = _call(sol, X, weights, means, covariances)
    ref_resp, ref_log_px = _reference(X, weights, means, covariances)
    assert np.allclose(log_px, ref_log_px, rtol=rtol, atol=atol), "log_px differs from the reference"
    assert np.allclose(resp, ref_resp, rtol=rtol, atol=atol), "responsibilities differ from the reference"
    return resp, log_px


def _spd(rng, d, condition=10.0):
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    eig = np.exp(rng.uniform(0, np.log(condition), size=d)) * rng.uniform(0.2, 2.0)
    return (q * eig) @ q.T


def _mixture(seed, n, d, k, spread=3.0, condition=10.0):
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.full(k, 2.0))
    means = rng.normal(size=(k, d)) * spread
    covs = np.array([_spd(rng, d, condition) for _ in range(k)])
    comp = rng.choice(k, size=n, p=weights)
    noise = rng.normal(size=(n, d))
    chol = np.linalg.cholesky(covs)
    X = means[comp] + np.einsum("nij,nj->ni", chol[comp], noise)
    return X, weights, means, covs


def test_edge_single_component(sol):
    X, _, means, covs = _mixture(0, 10, 3, 1)
    resp, _ = _check(sol, X, np.array([1.0]), means, covs)
    assert np.allclose(resp, 1.0), "one component is responsible for everything"


def test_edge_no_points(sol):
    _, weights, means, covs = _mixture(1, 1, 2, 3)
    resp, log_px = _call(sol, np.zeros((0, 2)), weights, means, covs)
    assert resp.shape == (0, 3) and log_px.shape == (0,)


def test_edge_identical_components_split_by_weight(sol):
    X, _, means, covs = _mixture(2, 8, 2, 1)
    weights = np.array([0.2, 0.3, 0.5])
    resp, _ = _check(sol, X, weights, np.repeat(means, 3, axis=0), np.repeat(covs, 3, axis=0))
    assert np.allclose(resp, weights), "identical components share each point in proportion to their weights"


def test_shape_one_dimension(sol):
    X, weights, means, covs = _mixture(3, 25, 1, 4)
    _check(sol, X, weights, means, covs)


def test_random_mixtures(sol):
    rng = np.random.default_rng(4)
    for _ in range(8):
        d, k = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        _check(sol, *_mixture(int(rng.integers(1000)), int(rng.integers(1, 40)), d, k))


def test_property_responsibilities_are_posteriors(sol):
    X, weights, means, covs = _mixture(5, 50, 3, 4)
    resp, log_px = _call(sol, X, weights, means, covs)
    assert np.all(resp >= 0) and np.allclose(resp.sum(axis=1), 1.0, rtol=1e-12), "rows of resp sum to 1"
    perm = np.array([2, 0, 3, 1])
    resp_p, log_px_p = _call(sol, X, weights[perm], means[perm], covs[perm])
    assert np.allclose(resp_p, resp[:, perm], rtol=RTOL, atol=ATOL), "reordering components reorders columns"
    assert np.allclose(log_px_p, log_px, rtol=RTOL, atol=ATOL)


def test_property_affine_change_of_coordinates(sol):
    rng = np.random.default_rng(6)
    X, weights, means, covs = _mixture(7, 30, 3, 3)
    A, b = rng.normal(size=(3, 3)) + 2 * np.eye(3), rng.normal(size=3)
    resp, log_px = _call(sol, X, weights, means, covs)
    resp2, log_px2 = _call(sol, X @ A.T + b, weights, means @ A.T + b, np.array([A @ c @ A.T for c in covs]))
    assert np.allclose(resp2, resp, rtol=1e-6, atol=1e-9), "responsibilities do not depend on the coordinates"
    shift = np.log(abs(np.linalg.det(A)))
    assert np.allclose(log_px2, log_px - shift, rtol=1e-6, atol=1e-8), "densities change by the Jacobian"


def test_numeric_points_far_from_every_component(sol):
    X, weights, means, covs = _mixture(8, 5, 2, 3, spread=1.0)
    far = np.vstack([X, [[300.0, -250.0], [-3000.0, 2000.0], [1e4, 1e4]]])
    resp, log_px = _check(sol, far, weights, means, covs)
    assert np.all(log_px[-3:] < -745), "these points have densities that underflow float64"


def test_numeric_badly_conditioned_covariances(sol):
    X, weights, means, covs = _mixture(9, 30, 4, 3, condition=1e8)
    _check(sol, X, weights, means, covs, rtol=1e-6, atol=1e-7)


def test_numeric_float32_inputs(sol):
    X, weights, means, covs = _mixture(10, 20, 3, 2)
    args = [a.astype(np.float32) for a in (X, weights, means, covs)]
    args[1] = args[1] / args[1].sum(dtype=np.float32)
    resp, log_px = _call(sol, *args)
    ref_resp, ref_log_px = _reference(*[a.astype(np.float64) for a in args])
    assert np.allclose(log_px, ref_log_px, rtol=RTOL, atol=ATOL), "float32 inputs: compute in float64"
    assert np.allclose(resp, ref_resp, rtol=RTOL, atol=ATOL), "float32 inputs: compute in float64"


def test_numeric_many_points(sol):
    X, weights, means, covs = _mixture(11, 4000, 5, 6)
    resp, log_px = _call(sol, X, weights, means, covs)
    ref_resp, ref_log_px = _reference(X[:200], weights, means, covs)
    assert np.allclose(log_px[:200], ref_log_px, rtol=RTOL, atol=ATOL), "log_px differs from the reference"
    assert np.allclose(resp[:200], ref_resp, rtol=RTOL, atol=ATOL), "responsibilities differ from the reference"
    assert np.allclose(resp.sum(axis=1), 1.0), "rows of resp sum to 1"
