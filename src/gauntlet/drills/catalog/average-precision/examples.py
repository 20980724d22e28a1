import math

import numpy as np


def example_detection_with_missed_objects(sol):
    y, scores = np.array([1, 1, 0, 1, 0]), np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    ap = sol.average_precision(y, scores, n_positives=5)
    assert math.isclose(ap, 0.55), f"0.2 * 1 + 0.2 * 1 + 0.2 * 0.75 = 0.55, got {ap}"


def example_ties_cross_together(sol):
    y, scores = np.array([1, 0, 1]), np.array([0.9, 0.5, 0.5])
    ap = sol.average_precision(y, scores)
    # thresholds 0.9 (P = 1, R = 0.5) and 0.5 (P = 2/3, R = 1): 0.5 * 1 + 0.5 * 2/3
    assert math.isclose(ap, 0.5 + 1 / 3), f"got {ap}"


def example_interpolation_uses_later_precision(sol):
    y, scores = np.array([0, 1, 1]), np.array([3.0, 2.0, 1.0])
    # precisions 0, 1/2, 2/3 at recalls 0, 1/2, 1
    plain = sol.average_precision(y, scores)
    assert math.isclose(plain, 0.5 * 0.5 + 0.5 * 2 / 3), f"expected 0.5 * 1/2 + 0.5 * 2/3, got {plain}"
    interp = sol.average_precision(y, scores, interpolated=True)
    assert math.isclose(interp, 2 / 3), f"the envelope lifts 1/2 to 2/3: expected 2/3, got {interp}"
