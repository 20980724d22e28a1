import math

import numpy as np


def _symmetric(seed, eigenvalues):
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(len(eigenvalues), len(eigenvalues))))
    return (q * np.asarray(eigenvalues, dtype=np.float64)) @ q.T, q


def _call(sol, A, v0, **kw):
    out = sol.power_iteration(A, v0, **kw)
    assert len(out) == 2, "return (eigenvalue, eigenvector)"
    value, vector = float(out[0]), np.asarray(out[1], dtype=np.float64)
    assert vector.shape == (len(A),), f"the eigenvector must have shape {(len(A),)}"
    assert math.isfinite(value) and np.all(np.isfinite(vector)), "no inf or NaN"
    assert abs(np.linalg.norm(vector) - 1) < 1e-9, "return a unit vector"
    return value, vector


def _check(sol, A, v0, **kw):
    value, vector = _call(sol, A, v0, **kw)
    values, vectors = np.linalg.eigh(A)
    top = int(np.argmax(np.abs(values)))
    assert math.isclose(value, values[top], rel_tol=1e-9), f"eigenvalue: expected {float(values[top])!r}, got {value!r}"
    overlap = abs(float(vector @ vectors[:, top]))
    assert overlap >= 1 - 1e-8, f"the vector is not the dominant eigenvector (|cos| = {overlap:.12f})"
    return value, vector


def test_edge_one_by_one(sol):
    _check(sol, np.array([[-7.5]]), np.array([2.0]))


def test_edge_diagonal_with_zero_first_component(sol):
    A = np.diag([0.5, 3.0, -1.0, 2.0])
    _, vector = _check(sol, A, np.array([1.0, 1.0, 1.0, 1.0]))
    assert abs(vector[0]) < 1e-8, "the dominant eigenvector here has a zero first entry"


def test_edge_start_vector_already_an_eigenvector(sol):
    A, q = _symmetric(0, [5.0, 1.0, -2.0])
    _check(sol, A, q[:, 0] * 3.0)


def test_edge_negative_dominant_eigenvalue(sol):
    A, _ = _symmetric(1, [-10.0, 9.0, 1.0, -3.0, 0.5])
    _check(sol, A, np.ones(5))


def test_shape_lists_accepted(sol):
    _check(sol, [[4.0, 1.0], [1.0, 3.0]], [1.0, 1.0])


def test_random_matrices(sol):
    rng = np.random.default_rng(2)
    for _ in range(10):
        n = int(rng.integers(2, 30))
        eig = rng.uniform(-1, 1, size=n)
        eig[0] = float(rng.choice([-1, 1])) * (np.abs(eig[1:]).max() * float(rng.uniform(1.05, 3)))
        A, _ = _symmetric(int(rng.integers(1000)), eig)
        _check(sol, A, rng.normal(size=n))


def test_property_close_eigenvalues_need_many_steps(sol):
    A, _ = _symmetric(3, [1.0, 0.99, 0.5, -0.98, 0.2])
    _check(sol, A, np.ones(5))  # |lambda2 / lambda1| = 0.99: about 3,000 steps


def test_property_covariance_first_principal_component(sol):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(500, 6)) @ rng.normal(size=(6, 6))
    cov = np.cov(X, rowvar=False)
    value, vector = _check(sol, cov, rng.normal(size=6))
    assert value > 0, "a covariance matrix's top eigenvalue is its largest variance"
    projected = (X - X.mean(axis=0)) @ vector
    assert math.isclose(projected.var(ddof=1), value, rel_tol=1e-9), "the variance along PC1 is the eigenvalue"


def test_numeric_huge_and_tiny_scales(sol):
    A, _ = _symmetric(5, [3e150, -1e150, 2e149])
    _check(sol, A, np.ones(3))
    A, _ = _symmetric(6, [-3e-150, 1e-150, 2e-151])
    _check(sol, A, np.ones(3))


def test_numeric_slow_convergence_at_large_scale(sol):
    A, _ = _symmetric(7, [1e6, 9.9e5, 3e5, -9.8e5])
    _check(sol, A, np.ones(4))


def test_numeric_float32_inputs(sol):
    # In float32 the Rayleigh quotient is only good to ~1e-7 relative and the residual never drops to
    # tol * |lambda| = 1e-12 |lambda|; in float64 the float32 entries give the float64 eigenpair of the same
    # matrix (the float32 matrix is still exactly symmetric).
    A, _ = _symmetric(8, [-6.0, 4.5, 2.0, -1.0, 0.25, 3.0])
    A32, v32 = A.astype(np.float32), np.linspace(1.0, 2.0, 6, dtype=np.float32)
    out = sol.power_iteration(A32, v32)
    assert len(out) == 2 and np.asarray(out[1]).dtype == np.float64, (
        "return (eigenvalue, eigenvector), the eigenvector float64 for float32 inputs too"
    )
    value, vector = float(out[0]), np.asarray(out[1])
    values, vectors = np.linalg.eigh(A32.astype(np.float64))
    top = int(np.argmax(np.abs(values)))
    assert math.isclose(value, values[top], rel_tol=1e-9), (
        f"float32 A, v0: compute in float64 (rel_tol=1e-9); expected {float(values[top])!r}, got {value!r}"
    )
    overlap = abs(float(vector @ vectors[:, top]))
    assert overlap >= 1 - 1e-8, f"float32 A, v0: not the dominant eigenvector (|cos| = {overlap:.12f} < 1 - 1e-8)"
