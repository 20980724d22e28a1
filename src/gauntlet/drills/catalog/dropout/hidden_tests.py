import numpy as np

# Statistical checks use bounds of 6 standard deviations: a correct solution fails one with probability
# below 1e-8, whatever seed and drawing method it uses.
SIGMAS = 6.0


def _forward(sol, x, p, training=True, seed=0):
    out, mask = sol.dropout_forward(x, p, training, seed)
    out, mask = np.asarray(out), np.asarray(mask)
    assert out.shape == np.shape(x), f"out must have x's shape {np.shape(x)}, got {out.shape}"
    assert out.dtype == np.asarray(x).dtype, f"out must keep x's dtype {np.asarray(x).dtype}, got {out.dtype}"
    assert mask.shape == np.shape(x) and mask.dtype == bool, "mask: a bool array of x's shape"
    return out, mask


def _expected(x, mask, p):
    x = np.asarray(x, dtype=np.float64)
    return np.zeros_like(x) if p == 1 else np.where(mask, x / (1 - p), 0.0)


def _assert_consistent(x, out, mask, p):
    assert np.all(np.isfinite(out)), "out must be finite"
    assert np.allclose(out, _expected(x, mask, p), rtol=1e-6, atol=0), (
        "out must be x / (1 - p) where the mask keeps the element and 0 elsewhere"
    )


def test_edge_p_zero_keeps_everything(sol):
    x = np.random.default_rng(0).normal(size=(30, 7))
    out, mask = _forward(sol, x, 0.0, seed=3)
    assert mask.all() and np.array_equal(out, x), "p = 0 is the identity"


def test_edge_p_one_drops_everything(sol):
    x = np.random.default_rng(1).normal(size=(20, 5))
    out, mask = _forward(sol, x, 1.0, seed=4)
    assert not mask.any() and np.array_equal(out, np.zeros_like(x)), "p = 1: all zeros, no NaN"
    grad = np.asarray(sol.dropout_backward(np.ones_like(x), mask, 1.0))
    assert np.array_equal(grad, np.zeros_like(x)), "p = 1: the gradient is all zeros, no NaN"


def test_edge_inference_is_identity(sol):
    x = np.random.default_rng(2).normal(size=(4, 3, 2)).astype(np.float32)
    for p in (0.0, 0.5, 1.0):
        out, mask = _forward(sol, x, p, training=False, seed=5)
        assert mask.all() and np.array_equal(out, x), f"training=False must return x unchanged (p = {p})"


def test_edge_empty_input(sol):
    out, mask = _forward(sol, np.zeros((0, 4)), 0.3)
    assert out.size == 0 and mask.size == 0


def test_shape_float32_and_high_rank(sol):
    x = np.random.default_rng(3).normal(size=(2, 3, 4, 5)).astype(np.float32)
    out, mask = _forward(sol, x, 0.2, seed=6)
    _assert_consistent(x, out, mask, 0.2)
    grad = np.asarray(sol.dropout_backward(np.ones_like(x), mask, 0.2))
    assert grad.shape == x.shape and grad.dtype == np.float32, "the gradient keeps grad_out's shape and dtype"


def test_random_scale_and_zeros(sol):
    rng = np.random.default_rng(4)
    for p in (0.1, 0.25, 0.5, 0.9, 0.99):
        x = rng.normal(size=(50, 40))
        out, mask = _forward(sol, x, p, seed=int(rng.integers(1000)))
        _assert_consistent(x, out, mask, p)


def test_property_fraction_kept_is_one_minus_p(sol):
    n = 200_000
    for p in (0.1, 0.3, 0.8):
        _, mask = _forward(sol, np.ones(n), p, seed=7)
        kept = mask.mean()
        assert abs(kept - (1 - p)) <= SIGMAS * np.sqrt(p * (1 - p) / n), (
            f"with p = {p} about {1 - p:.0%} of the elements should be kept, got {kept:.2%}"
        )


def test_property_expected_activation_is_preserved(sol):
    n, p = 200_000, 0.4
    out, _ = _forward(sol, np.full(n, 2.5), p, seed=8)
    # out_i / 2.5 is 0 or 1 / (1 - p): mean 1, variance p / (1 - p)
    assert abs(out.mean() / 2.5 - 1) <= SIGMAS * np.sqrt(p / (1 - p) / n), (
        "the mean of the output should match the input (inverted dropout rescales the survivors)"
    )


def test_property_elements_dropped_independently(sol):
    x = np.ones((2000, 64))
    _, mask = _forward(sol, x, 0.5, seed=9)
    rows = {row.tobytes() for row in mask}
    assert len(rows) > 1900, "every row needs its own mask, not one mask broadcast over the batch"
    columns = {col.tobytes() for col in mask.T}
    assert len(columns) == 64, "every feature needs its own mask"
    corr = np.corrcoef(mask[:, 0].astype(float), mask[:, 1].astype(float))[0, 1]
    assert abs(corr) < SIGMAS / np.sqrt(2000), "masks of different elements should be independent"


def test_property_seed_reproducible(sol):
    x = np.random.default_rng(10).normal(size=(40, 10))
    a, mask_a = _forward(sol, x, 0.5, seed=11)
    b, mask_b = _forward(sol, x, 0.5, seed=11)
    _, mask_c = _forward(sol, x, 0.5, seed=12)
    assert np.array_equal(mask_a, mask_b) and np.array_equal(a, b), "the same seed gives the same mask"
    assert not np.array_equal(mask_a, mask_c), "another seed gives another mask"


def test_property_backward_matches_forward(sol):
    rng = np.random.default_rng(13)
    for p in (0.0, 0.3, 0.75):
        x = rng.normal(size=(25, 8))
        out, mask = _forward(sol, x, p, seed=14)
        grad_out = rng.normal(size=x.shape)
        grad = np.asarray(sol.dropout_backward(grad_out, mask, p))
        assert np.allclose(grad, _expected(grad_out, mask, p), rtol=1e-6, atol=0), (
            "the gradient goes through the same mask and the same 1 / (1 - p) scale"
        )
        # out is linear in x for a fixed mask: <grad_out, out(x)> has gradient grad with respect to x
        assert np.isclose(np.sum(grad_out * out), np.sum(grad * x), rtol=1e-9)


def test_numeric_extreme_values(sol):
    x = np.array([1e300, -1e300, 5e-324, 0.0, -0.0, 1e-300] * 50)
    out, mask = _forward(sol, x, 0.2, seed=15)
    _assert_consistent(x, out, mask, 0.2)
    x32 = np.array([3e38, -3e38, 1e-45] * 50, dtype=np.float32)
    out, mask = _forward(sol, x32, 0.0, seed=16)
    assert np.array_equal(out, x32), "p = 0 must not change float32 values at the edge of their range"
