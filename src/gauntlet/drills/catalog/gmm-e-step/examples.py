import numpy as np


def example_two_components_in_one_dimension(sol):
    X = np.array([[0.0], [1.0], [2.0]])
    resp, log_px = sol.gmm_e_step(X, np.array([0.5, 0.5]), np.array([[0.0], [2.0]]), np.array([[[1.0]], [[1.0]]]))
    resp, log_px = np.asarray(resp), np.asarray(log_px)
    assert np.allclose(resp[1], [0.5, 0.5]), f"the midpoint is shared equally, got {resp[1]}"
    assert np.allclose(resp[0, 0], 1 / (1 + np.exp(-2.0))), f"got {resp[0]}"
    density = 0.5 * (np.exp(-0.5 * 0.0) + np.exp(-0.5 * 4.0)) / np.sqrt(2 * np.pi)
    assert np.allclose(log_px[0], np.log(density)), f"got {log_px[0]}"


def example_far_point_stays_finite(sol):
    resp, log_px = sol.gmm_e_step(np.array([[100.0]]), np.array([0.5, 0.5]), np.array([[0.0], [1.0]]),
                                  np.array([[[1.0]], [[1.0]]]))
    assert np.all(np.isfinite(resp)) and np.allclose(np.asarray(resp), [[0.0, 1.0]]), f"got {resp}"
    assert np.isfinite(np.asarray(log_px)[0]), "densities underflow; log-densities must not"
