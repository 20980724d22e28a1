import math

import numpy as np


def example_two_by_two(sol):
    A = np.array([[2.0, 1.0], [1.0, 2.0]])  # eigenvalues 3 (vector [1, 1]) and 1
    value, vector = sol.power_iteration(A, np.array([1.0, 0.0]))
    assert math.isclose(value, 3.0, rel_tol=1e-9), f"got {value}"
    assert abs(abs(np.dot(vector, [1, 1])) / np.sqrt(2) - 1) < 1e-8, f"got {vector}"


def example_negative_dominant_eigenvalue(sol):
    A = np.diag([1.0, -4.0, 2.0])
    value, vector = sol.power_iteration(A, np.ones(3))
    assert math.isclose(value, -4.0, rel_tol=1e-9), f"the dominant eigenvalue is -4 (keep the sign), got {value}"
    assert abs(abs(vector[1]) - 1) < 1e-8, f"got {vector}"
