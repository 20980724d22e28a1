import numpy as np

RTOL, ATOL = 1e-7, 1e-9


def _reference(x, gamma, beta, rm, rv, momentum, eps, training):
    x = np.asarray(x, float)
    c = x.shape[1]
    flat = np.moveaxis(x, 1, -1).reshape(-1, c)  # (m, C): one column per channel
    if training:
        m = flat.shape[0]
        mean = flat.mean(axis=0)
        var = ((flat - mean) ** 2).mean(axis=0)
        new_rm = (1 - momentum) * rm + momentum * mean
        new_rv = (1 - momentum) * rv + momentum * var * m / (m - 1)
    else:
        mean, var, new_rm, new_rv = rm, rv, rm, rv
    out_flat = gamma * (flat - mean) / np.sqrt(var + eps) + beta
    out = np.moveaxis(out_flat.reshape(np.moveaxis(x, 1, -1).shape), -1, 1)
    return out, new_rm, new_rv


def _params(rng, c):
    return (
        rng.normal(1, 0.3, size=c),
        rng.normal(0, 0.5, size=c),
        rng.normal(size=c),
        rng.uniform(0.5, 2, size=c),
    )


def _check(sol, x, gamma, beta, rm, rv, momentum=0.1, eps=1e-5, training=True, rtol=RTOL, atol=ATOL):
    out, new_rm, new_rv = sol.batchnorm_forward(x, gamma, beta, rm, rv, momentum, eps, training)
    out, new_rm, new_rv = (np.asarray(a, dtype=float) for a in (out, new_rm, new_rv))
    ref_out, ref_rm, ref_rv = _reference(x, gamma, beta, rm, rv, momentum, eps, training)
    assert out.shape == np.shape(x), "out has the shape of x"
    assert new_rm.shape == new_rv.shape == (np.shape(x)[1],), "running statistics have shape (C,)"
    assert np.allclose(out, ref_out, rtol=rtol, atol=atol), "normalised output differs"
    assert np.allclose(new_rm, ref_rm, rtol=rtol, atol=atol), "running mean differs"
    assert np.allclose(new_rv, ref_rv, rtol=rtol, atol=atol), "running variance differs"
    return out, new_rm, new_rv


def test_edge_constant_channel(sol):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 3))
    x[:, 1] = 4.0
    gamma, beta, rm, rv = _params(rng, 3)
    out, _, _ = _check(sol, x, gamma, beta, rm, rv)
    assert np.all(np.isfinite(out)) and np.allclose(out[:, 1], beta[1]), "a constant channel maps to beta"


def test_edge_two_samples(sol):
    rng = np.random.default_rng(1)
    _check(sol, rng.normal(size=(2, 5)), *_params(rng, 5))


def test_edge_momentum_extremes(sol):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(8, 2))
    params = _params(rng, 2)
    _, rm, rv = _check(sol, x, *params, momentum=0.0)
    assert np.allclose(rm, params[2]) and np.allclose(rv, params[3]), "momentum 0 keeps the old statistics"
    _, rm, rv = _check(sol, x, *params, momentum=1.0)
    assert np.allclose(rm, x.mean(0)) and np.allclose(rv, x.var(0, ddof=1)), (
        "momentum 1 stores the batch statistics"
    )


def test_edge_inference_single_sample(sol):
    rng = np.random.default_rng(3)
    _check(sol, rng.normal(size=(1, 4)), *_params(rng, 4), training=False)


def test_shape_conv_inputs(sol):
    rng = np.random.default_rng(4)
    _check(sol, rng.normal(size=(4, 3, 5)), *_params(rng, 3))
    _check(sol, rng.normal(size=(2, 3, 4, 5)) * 2 + 1, *_params(rng, 3))
    _check(sol, rng.normal(size=(3, 2, 4, 4)), *_params(rng, 2), training=False)


def test_random_fully_connected(sol):
    rng = np.random.default_rng(5)
    for n, c in [(16, 1), (32, 10), (7, 64)]:
        x = rng.normal(size=(n, c)) * rng.uniform(0.1, 10, size=c) + rng.normal(size=c) * 5
        _check(
            sol,
            x,
            *_params(rng, c),
            momentum=float(rng.uniform(0.01, 0.5)),
            eps=float(rng.choice([1e-5, 1e-3])),
        )


def test_property_training_output_standardised(sol):
    rng = np.random.default_rng(6)
    x = rng.normal(3, 5, size=(2, 4, 6, 6))
    out, _, _ = sol.batchnorm_forward(x, np.ones(4), np.zeros(4), np.zeros(4), np.ones(4), 0.1, 0.0, True)
    out = np.asarray(out)
    assert np.allclose(out.mean(axis=(0, 2, 3)), 0, atol=1e-9), "each channel has mean 0 (gamma=1, beta=0)"
    assert np.allclose(out.var(axis=(0, 2, 3)), 1, rtol=1e-9), "each channel has (biased) variance 1"


def test_property_running_stats_converge(sol):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(10, 3)) * [1.0, 2.0, 3.0] + [5.0, -5.0, 0.0]
    rm, rv = np.zeros(3), np.ones(3)
    for _ in range(200):
        _, rm, rv = sol.batchnorm_forward(x, np.ones(3), np.zeros(3), rm, rv, 0.1, 1e-5, True)
    assert np.allclose(rm, x.mean(0), rtol=1e-6) and np.allclose(rv, x.var(0, ddof=1), rtol=1e-6), (
        "feeding the same batch forever, the running stats reach its mean and unbiased variance"
    )


def test_property_batch_order_and_equivariance(sol):
    rng = np.random.default_rng(8)
    x = rng.normal(size=(12, 5))
    params = _params(rng, 5)
    perm = rng.permutation(12)
    a = sol.batchnorm_forward(x, *params, 0.1, 1e-5, True)
    b = sol.batchnorm_forward(x[perm], *params, 0.1, 1e-5, True)
    assert np.allclose(np.asarray(a[0])[perm], b[0], rtol=RTOL, atol=ATOL), (
        "permuting the batch permutes the output"
    )
    assert np.allclose(a[1], b[1], rtol=RTOL, atol=ATOL) and np.allclose(a[2], b[2], rtol=RTOL, atol=ATOL)
    # training output ignores an affine change of a channel's scale and offset (gamma, beta fixed)
    c = sol.batchnorm_forward(x * 3.0 + 7.0, *params, 0.1, 0.0, True)
    d = sol.batchnorm_forward(x, *params, 0.1, 0.0, True)
    assert np.allclose(c[0], d[0], rtol=1e-6, atol=1e-8)


def test_property_inference_is_per_sample(sol):
    rng = np.random.default_rng(9)
    x = rng.normal(size=(6, 3))
    params = _params(rng, 3)
    full, _, _ = sol.batchnorm_forward(x, *params, 0.1, 1e-5, False)
    one, _, _ = sol.batchnorm_forward(x[2:3], *params, 0.1, 1e-5, False)
    assert np.allclose(np.asarray(full)[2:3], one, rtol=RTOL, atol=ATOL), (
        "in inference a sample's output ignores the rest of the batch"
    )


def test_numeric_float32_inputs(sol):
    # float32 activations around 1000 with unit spread: float32 steps there are 6e-5, so a mean, a variance or
    # x - mean computed in float32 is off by ~1e-5 relative in the output; computing in float64 from the
    # float32 values given matches the float64 reference to rtol 1e-7.
    rng = np.random.default_rng(11)
    x = (1000.0 + rng.normal(size=(16, 4, 3, 3))).astype(np.float32)
    params = [a.astype(np.float32) for a in _params(rng, 4)]
    for training in (True, False):
        got = sol.batchnorm_forward(x, *params, 0.1, 1e-5, training)
        assert all(np.asarray(a).dtype == np.float64 for a in got), (
            "float32 inputs: out and both running arrays are float64"
        )
        ref = _reference(x.astype(np.float64), *(a.astype(np.float64) for a in params), 0.1, 1e-5, training)
        for name, a, b in zip(("out", "running mean", "running variance"), got, ref):
            assert np.shape(a) == b.shape and np.allclose(a, b, rtol=RTOL, atol=ATOL), (
                f"float32 inputs (training = {training}): {name} differs from the float64 computation "
                f"(rtol {RTOL}, atol {ATOL}): convert to float64 first"
            )


def test_numeric_large_offset(sol):
    rng = np.random.default_rng(10)
    x = 1e8 + rng.normal(size=(64, 3))
    out, _, rv = _check(
        sol, x, np.ones(3), np.zeros(3), np.zeros(3), np.ones(3), eps=1e-5, rtol=1e-5, atol=1e-6
    )
    assert np.all(np.isfinite(out)) and np.all(np.asarray(rv) > 0)
