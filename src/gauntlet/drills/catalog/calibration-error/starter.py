import numpy as np


def reliability_curve(y_true, prob, n_bins=10):
    """Per non-empty equal-width bin: observed positive rate, mean predicted probability, count.

    Bins: [0, 1/B], (1/B, 2/B], ..., ((B-1)/B, 1].

    Returns:
        (prob_true, prob_pred, counts): arrays over the non-empty bins, in bin order.
    """
    raise NotImplementedError


def expected_calibration_error(y_true, prob, n_bins=10):
    """sum over non-empty bins of count / N * |prob_true - prob_pred|."""
    raise NotImplementedError
