import math

import numpy as np


def example_perfect_and_reversed(sol):
    y = np.array([0, 0, 1, 1])
    assert np.isclose(sol.roc_auc(y, np.array([0.1, 0.2, 0.8, 0.9])), 1.0), "positives all ranked on top"
    assert np.isclose(sol.roc_auc(y, np.array([0.9, 0.8, 0.2, 0.1])), 0.0), (
        "positives all ranked at the bottom"
    )


def example_ties_count_half(sol):
    auc = sol.roc_auc(np.array([1, 0, 1, 0]), np.array([0.5, 0.5, 0.9, 0.1]))
    # pairs (pos, neg): (0.5, 0.5) tie -> 0.5, (0.5, 0.1) -> 1, (0.9, 0.5) -> 1, (0.9, 0.1) -> 1
    assert np.isclose(auc, 3.5 / 4), f"expected 0.875, got {auc}"


def example_single_class_is_nan(sol):
    auc = sol.roc_auc(np.array([1, 1, 1]), np.array([0.2, 0.4, 0.6]))
    assert math.isnan(auc), f"AUC is undefined with one class: expected nan, got {auc}"
