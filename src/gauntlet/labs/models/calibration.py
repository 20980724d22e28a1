"""Probability calibration: Platt scaling, isotonic regression, reliability curves, ECE and Brier score.

A calibrator is a one-dimensional map fitted on held-out rows: ``scores`` (n_samples,) are a model's
outputs (any real number that grows with the chance of the positive class: a log-odds, a margin,
a probability) and ``y`` (n_samples,) the 0/1 labels. ``predict(scores)`` returns probabilities
(n_samples,) in [0, 1].

- ``PlattScaling``: p = sigmoid(a * score + b), two parameters fitted by log loss. It can only shift
  and stretch the score on the log-odds scale, so it fixes distortions of that shape (a wrong base
  rate, over- or under-confidence) from little data, and no others.
- ``IsotonicRegression``: the best non-decreasing step function in squared error, found by the
  pool-adjacent-violators algorithm; between calibration scores it interpolates linearly (as
  scikit-learn does). It fixes any monotone distortion, but needs more data, and it can output
  exactly 0 or 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gauntlet.labs.models.base import Estimator, ModelInputError, NotFittedError, require
from gauntlet.labs.models.logistic import sigmoid


def _scores_1d(values: Any, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ModelInputError(f"{name} must be 1-D (n_samples,), got shape {array.shape}")
    require(len(array) > 0, f"{name} has no values")
    require(bool(np.isfinite(array).all()), f"{name} contains NaN or infinity")
    return array


def _scores_and_labels(scores: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    scores = _scores_1d(scores, "scores")
    y = _scores_1d(y, "y")
    require(len(scores) == len(y), f"scores has {len(scores)} values but y has {len(y)}")
    return scores, y


class PlattScaling(Estimator):
    """Fit ``P(y = 1 | score) = sigmoid(a * score + b)`` by minimising the log loss (Platt, 1999).

    ``smooth_targets=True`` replaces the 0/1 labels by Platt's targets 1 / (N- + 2) and
    (N+ + 1) / (N+ + 2), which keep ``a`` finite when the scores separate the classes and match
    scikit-learn's ``CalibratedClassifierCV(method="sigmoid")``; ``False`` is plain logistic regression
    on the one score. Solved by Newton's method with a backtracking line search.
    Learned: ``a_`` (slope), ``b_`` (intercept), ``n_iter_``.
    """

    def __init__(self, *, smooth_targets: bool = True, max_iter: int = 100, tol: float = 1e-12):
        self.smooth_targets = smooth_targets
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, scores: Any, y: Any) -> PlattScaling:
        scores, y = _scores_and_labels(scores, y)
        require(bool(np.isin(y, (0.0, 1.0)).all()), "y must hold 0/1 labels")
        n_pos = float(y.sum())
        n_neg = len(y) - n_pos
        target = y.copy()
        if self.smooth_targets:
            target = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
        S = np.column_stack([scores, np.ones_like(scores)])
        theta = np.array([0.0, np.log((n_pos + 1) / (n_neg + 1))])  # Platt's start: the smoothed base rate

        def loss(t: np.ndarray) -> float:
            z = S @ t
            return float(np.mean(np.logaddexp(0.0, z) - target * z))

        iteration = 0
        for iteration in range(1, self.max_iter + 1):
            p = sigmoid(S @ theta)
            grad = S.T @ (p - target) / len(y)
            if np.max(np.abs(grad)) < self.tol:
                iteration -= 1
                break
            hessian = (S.T * (p * (1 - p))) @ S / len(y) + 1e-12 * np.eye(2)
            step = np.linalg.solve(hessian, grad)
            size, current = 1.0, loss(theta)
            while size > 1e-10 and loss(theta - size * step) > current - 1e-4 * size * float(grad @ step):
                size /= 2
            theta = theta - size * step
        self.a_, self.b_ = float(theta[0]), float(theta[1])
        self.n_iter_ = iteration
        return self

    def predict(self, scores: Any) -> np.ndarray:
        """(n_samples,) calibrated probabilities ``sigmoid(a_ * scores + b_)``."""
        if not hasattr(self, "a_"):
            raise NotFittedError("PlattScaling is not fitted yet: call fit(scores, y) first")
        return sigmoid(self.a_ * _scores_1d(scores, "scores") + self.b_)


def pool_adjacent_violators(y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to ``y`` in weighted squared error (same length as y).

    Walk left to right keeping blocks of pooled values; whenever a block's mean falls below the
    previous block's, merge the two (their weighted mean) and look back again.
    """
    means: list[float] = []
    weights: list[float] = []
    sizes: list[int] = []
    for value, w in zip(y.tolist(), weight.tolist(), strict=True):
        means.append(value)
        weights.append(w)
        sizes.append(1)
        while len(means) > 1 and means[-2] > means[-1]:
            total = weights[-2] + weights[-1]
            merged = (means[-2] * weights[-2] + means[-1] * weights[-1]) / total
            size = sizes[-2] + sizes[-1]
            del means[-1], weights[-1], sizes[-1]
            means[-1], weights[-1], sizes[-1] = merged, total, size
    return np.repeat(np.asarray(means), sizes)


class IsotonicRegression(Estimator):
    """The non-decreasing function of a score closest to ``y`` in squared error.

    Rows with equal scores are first merged into one point (mean target, summed weight), then
    pool-adjacent-violators fits the sorted points. ``predict`` interpolates linearly between the
    fitted points and clips scores outside the fitted range to its ends, as scikit-learn's
    ``IsotonicRegression(out_of_bounds="clip")``.
    Learned: ``X_thresholds_`` (distinct scores, sorted) and ``y_thresholds_`` (fitted values there).
    """

    def fit(self, scores: Any, y: Any) -> IsotonicRegression:
        scores, y = _scores_and_labels(scores, y)
        distinct, position, counts = np.unique(scores, return_inverse=True, return_counts=True)
        means = np.bincount(position, weights=y) / counts
        self.X_thresholds_ = distinct
        self.y_thresholds_ = pool_adjacent_violators(means, counts.astype(np.float64))
        return self

    def predict(self, scores: Any) -> np.ndarray:
        """(n_samples,) fitted values at ``scores``: linear between fitted points, flat beyond them."""
        if not hasattr(self, "X_thresholds_"):
            raise NotFittedError("IsotonicRegression is not fitted yet: call fit(scores, y) first")
        return np.interp(_scores_1d(scores, "scores"), self.X_thresholds_, self.y_thresholds_)


def _probability_bins(y: Any, p: Any, n_bins: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per equal-width bin of ``p`` on [0, 1]: row count, summed labels, summed probabilities."""
    p, y = _scores_and_labels(p, y)
    require(bool(((p >= 0) & (p <= 1)).all()), "probabilities must lie in [0, 1]")
    require(n_bins >= 1, "n_bins must be >= 1")
    # bin i is (i / n_bins, (i + 1) / n_bins], the first one closed at 0: scikit-learn's rule
    index = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p)
    counts = np.bincount(index, minlength=n_bins).astype(np.float64)
    return counts, np.bincount(index, weights=y, minlength=n_bins), np.bincount(index, weights=p, minlength=n_bins)


def calibration_curve(y: Any, p: Any, *, n_bins: int = 10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The reliability diagram's points: for each non-empty equal-width bin of predicted probability,
    (share of positives, mean predicted probability, number of rows). The first two match
    ``sklearn.calibration.calibration_curve(y, p, n_bins=n_bins)``."""
    counts, positives, predicted = _probability_bins(y, p, n_bins)
    filled = counts > 0
    return positives[filled] / counts[filled], predicted[filled] / counts[filled], counts[filled].astype(int)


def expected_calibration_error(y: Any, p: Any, *, n_bins: int = 10) -> float:
    """ECE: the row-weighted mean, over equal-width bins, of |share of positives - mean prediction|.

    0 for perfect calibration on these bins; it depends on the binning and is biased upwards when
    bins hold few rows, so compare models on the same, large test set.
    """
    counts, positives, predicted = _probability_bins(y, p, n_bins)
    return float(np.sum(np.abs(positives - predicted)) / counts.sum())


def brier_score(y: Any, p: Any) -> float:
    """Mean squared difference between the predicted probability and the 0/1 label (lower is better)."""
    p, y = _scores_and_labels(p, y)
    return float(np.mean((p - y) ** 2))
