import numpy as np


def example_kept_values_are_scaled_up(sol):
    x = np.arange(1.0, 9.0).reshape(2, 4)
    out, mask = sol.dropout_forward(x, 0.5, seed=0)
    out, mask = np.asarray(out), np.asarray(mask)
    assert mask.dtype == bool and mask.shape == x.shape, f"mask: bool array of x's shape, got {mask.dtype}"
    assert np.allclose(out, np.where(mask, 2.0 * x, 0.0)), f"kept values are doubled when p = 0.5, got {out}"


def example_inference_and_extremes(sol):
    x = np.array([1.0, -2.0, 3.0])
    out, mask = sol.dropout_forward(x, 0.3, training=False)
    assert np.array_equal(out, x) and np.all(mask), "inference mode is the identity"
    out, _ = sol.dropout_forward(x, 1.0, seed=1)
    assert np.array_equal(out, np.zeros(3)), f"p = 1 drops everything (no NaN): got {out}"


def example_backward_uses_the_mask(sol):
    mask = np.array([True, False, True])
    grad = sol.dropout_backward(np.array([1.0, 1.0, 1.0]), mask, 0.75)
    assert np.allclose(grad, [4.0, 0.0, 4.0]), f"got {grad}"
