import numpy as np


def example_targets_are_smoothed(sol):
    # separable data: without Platt's targets the slope would grow without bound
    scores, y = np.array([-2.0, -1.0, 1.0, 2.0]), np.array([0, 0, 1, 1])
    a, b = sol.platt_fit(scores, y)
    p = np.asarray(sol.platt_predict(scores, a, b))
    assert 0 < a < 10 and abs(b) < 1e-6, f"finite slope, zero intercept by symmetry: got a = {a}, b = {b}"
    # at the optimum the predictions match the targets on average: sum(p - t) = 0
    t = np.array([0.25, 0.25, 0.75, 0.75])
    assert np.isclose(np.sum(p - t), 0.0, atol=1e-9) and np.isclose((p - t) @ scores, 0.0, atol=1e-9), f"got {p}"


def example_predict_is_a_stable_sigmoid(sol):
    p = np.asarray(sol.platt_predict(np.array([-1000.0, 0.0, 1000.0]), 1.0, 0.0))
    assert np.allclose(p, [0.0, 0.5, 1.0]) and np.all(np.isfinite(p)), f"got {p}"
