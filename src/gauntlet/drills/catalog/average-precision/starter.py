import numpy as np


def average_precision(y_true, scores, interpolated=False, n_positives=None):
    """Area under the step-wise precision-recall curve, thresholds at the distinct scores.

    Args:
        y_true: 0/1 array (n,).
        scores: float array (n,), higher = more likely positive; ties cross the threshold together.
        interpolated: replace each precision by the best precision at that recall or higher.
        n_positives: recall denominator (None = number of ones in y_true).

    Returns:
        float: sum over thresholds of (R_n - R_{n-1}) * P_n; nan when there are no positives.
    """
    raise NotImplementedError
