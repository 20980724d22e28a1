import numpy as np


def example_two_bins(sol):
    y = np.array([0, 0, 1, 1, 1, 0])
    p = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    prob_true, prob_pred, counts = (np.asarray(a) for a in sol.reliability_curve(y, p, n_bins=2))
    # bin [0, 0.5]: p 0.1, 0.2, 0.3 with one positive; bin (0.5, 1]: p 0.7, 0.8, 0.9 with two positives
    assert counts.tolist() == [3, 3], f"got {counts.tolist()}"
    assert np.allclose(prob_true, [1 / 3, 2 / 3]), f"positive rate per bin, got {prob_true}"
    assert np.allclose(prob_pred, [0.2, 0.8]), f"mean probability per bin, got {prob_pred}"
    ece = sol.expected_calibration_error(y, p, n_bins=2)
    assert np.isclose(ece, 0.5 * abs(1 / 3 - 0.2) + 0.5 * abs(2 / 3 - 0.8)), f"got {ece}"


def example_zero_and_one_are_inside(sol):
    y, p = np.array([0, 1]), np.array([0.0, 1.0])
    _, _, counts = sol.reliability_curve(y, p, n_bins=5)
    assert np.asarray(counts).tolist() == [1, 1], "0 falls in the first bin and 1 in the last"
    assert sol.expected_calibration_error(y, p, n_bins=5) == 0.0
