import numpy as np


def example_first_step_moves_about_lr(sol):
    theta, grad = np.array([1.0, -2.0]), np.array([0.5, -4.0])
    zeros = np.zeros(2)
    new, m, v = sol.adam_step(theta, grad, zeros, zeros, 1, lr=0.1)
    # after bias correction m_hat = g and v_hat = g^2, so each parameter moves by 0.1 * g / (|g| + eps)
    assert np.allclose(new, theta - 0.1 * grad / (np.abs(grad) + 1e-8)), f"got {new}"
    assert np.allclose(m, 0.1 * grad) and np.allclose(v, 0.001 * grad**2), f"m = {m}, v = {v}"


def example_decoupled_versus_l2_decay(sol):
    theta, zeros = np.array([2.0]), np.zeros(1)
    adamw, _, _ = sol.adam_step(theta, zeros, zeros, zeros, 1, lr=0.1, weight_decay=0.01)
    assert np.allclose(adamw, 2.0 * (1 - 0.1 * 0.01)), f"AdamW only shrinks theta by lr * lambda: {adamw}"
    adam_l2, _, _ = sol.adam_step(theta, zeros, zeros, zeros, 1, lr=0.1, weight_decay=0.01, decoupled=False)
    # the L2 gradient 0.02 is normalised like any gradient: the first step is ~lr, 50 times larger
    assert np.allclose(adam_l2, 2.0 - 0.1 * 0.02 / (0.02 + 1e-8)), f"got {adam_l2}"
