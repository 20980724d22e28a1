"""Evaluation metrics, from counts and sorted scores (NumPy only).

Classification metrics take ``y_true`` and ``y_pred`` label arrays of shape (n_samples,).
Ranking metrics (ROC, PR) take binary ``y_true`` and ``y_score`` (n_samples,): any real score where
larger means "more likely positive" (a probability, a margin...). Conventions follow
scikit-learn's, so each function agrees with its namesake in ``sklearn.metrics`` to rounding.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gauntlet.labs.models.base import ModelInputError, require

AVERAGES = ("binary", "micro", "macro", "weighted")
# probabilities are clipped to [eps, 1 - eps] (float64 machine epsilon, as scikit-learn does), so one
# confidently wrong prediction costs about 36 nats instead of infinity
LOG_LOSS_EPS = float(np.finfo(np.float64).eps)


def _labels_1d(y: Any, name: str) -> np.ndarray:
    array = np.asarray(y)
    if array.ndim != 1:
        raise ModelInputError(f"{name} must be 1-D (n_samples,), got shape {array.shape}")
    return array


def _pair(y_true: Any, y_other: Any, other_name: str) -> tuple[np.ndarray, np.ndarray]:
    y_true = _labels_1d(y_true, "y_true")
    y_other = _labels_1d(y_other, other_name)
    if len(y_true) != len(y_other):
        raise ModelInputError(f"y_true has {len(y_true)} values but {other_name} has {len(y_other)}")
    require(len(y_true) > 0, "metrics need at least one sample")
    return y_true, y_other


# --- classification from labels -----------------------------------------------------------------

def accuracy_score(y_true: Any, y_pred: Any) -> float:
    """Fraction of samples whose predicted label equals the true one, in [0, 1]."""
    y_true, y_pred = _pair(y_true, y_pred, "y_pred")
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true: Any, y_pred: Any, labels: Any = None) -> np.ndarray:
    """(n_labels, n_labels) integer counts: row = true label, column = predicted label.

    ``labels`` fixes the order (default: sorted union of both arrays); other labels are ignored.
    """
    y_true, y_pred = _pair(y_true, y_pred, "y_pred")
    labels = np.unique(np.concatenate([y_true, y_pred])) if labels is None else np.asarray(labels)
    n = len(labels)
    sorter = np.argsort(labels, kind="stable")

    def positions(values: np.ndarray) -> np.ndarray:
        # index of each value in ``labels``, -1 for values outside it
        found = np.minimum(np.searchsorted(labels, values, sorter=sorter), n - 1)
        index = sorter[found]
        return np.where(labels[index] == values, index, -1)

    true_idx, pred_idx = positions(y_true), positions(y_pred)
    keep = (true_idx >= 0) & (pred_idx >= 0)
    return np.bincount(true_idx[keep] * n + pred_idx[keep], minlength=n * n).reshape(n, n)


def precision_recall_f1(
    y_true: Any, y_pred: Any, *, average: str = "binary", pos_label: Any = 1, zero_division: float = 0.0
) -> tuple[float, float, float]:
    """Precision, recall and F1 with one averaging rule.

    - ``binary``: for ``pos_label`` only. Precision = TP / (TP + FP), recall = TP / (TP + FN),
      F1 = their harmonic mean.
    - ``micro``: pool TP/FP/FN over classes (equals accuracy for single-label multi-class data).
    - ``macro``: unweighted mean of per-class scores (every class counts the same).
    - ``weighted``: per-class scores averaged with weights = class support (true count).

    A ratio with a zero denominator is ``zero_division`` (scikit-learn's default, 0, without warning).
    """
    require(average in AVERAGES, f"average must be one of {AVERAGES}, got {average!r}")
    y_true, y_pred = _pair(y_true, y_pred, "y_pred")
    labels = np.unique(np.concatenate([y_true, y_pred]))
    if average == "binary":
        if len(labels) > 2:
            raise ModelInputError("average='binary' needs two classes; use 'macro', 'micro' or 'weighted'")
        labels = np.asarray([pos_label])
    all_labels = np.unique(np.concatenate([y_true, y_pred, labels]))
    matrix = confusion_matrix(y_true, y_pred, labels=all_labels)
    chosen = np.searchsorted(all_labels, labels)
    tp = np.diag(matrix)[chosen].astype(float)
    predicted = matrix.sum(axis=0)[chosen].astype(float)
    support = matrix.sum(axis=1)[chosen].astype(float)
    if average == "micro":
        tp, predicted, support = tp.sum(keepdims=True), predicted.sum(keepdims=True), support.sum(keepdims=True)

    def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
        return np.where(den > 0, num / np.where(den > 0, den, 1), zero_division)

    precision = ratio(tp, predicted)
    recall = ratio(tp, support)
    # F1 = 2TP / (2TP + FP + FN): the same as the harmonic mean, defined when only one side is zero
    f1 = ratio(2 * tp, predicted + support)
    if average == "weighted":
        weights = support / support.sum() if support.sum() > 0 else np.zeros_like(support)
        return float(precision @ weights), float(recall @ weights), float(f1 @ weights)
    return float(precision.mean()), float(recall.mean()), float(f1.mean())


def precision_score(y_true: Any, y_pred: Any, *, average: str = "binary", pos_label: Any = 1,
                    zero_division: float = 0.0) -> float:
    """TP / (TP + FP): of the samples predicted positive, the fraction that are. See precision_recall_f1."""
    return precision_recall_f1(y_true, y_pred, average=average, pos_label=pos_label, zero_division=zero_division)[0]


def recall_score(y_true: Any, y_pred: Any, *, average: str = "binary", pos_label: Any = 1,
                 zero_division: float = 0.0) -> float:
    """TP / (TP + FN): of the truly positive samples, the fraction found. See precision_recall_f1."""
    return precision_recall_f1(y_true, y_pred, average=average, pos_label=pos_label, zero_division=zero_division)[1]


def f1_score(y_true: Any, y_pred: Any, *, average: str = "binary", pos_label: Any = 1,
             zero_division: float = 0.0) -> float:
    """Harmonic mean of precision and recall, 2TP / (2TP + FP + FN). See precision_recall_f1."""
    return precision_recall_f1(y_true, y_pred, average=average, pos_label=pos_label, zero_division=zero_division)[2]


# --- ranking metrics ----------------------------------------------------------------------------

def _binary_counts(y_true: Any, y_score: Any, pos_label: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cumulative false/true positive counts at each distinct threshold, highest score first.

    Returns ``fps, tps, thresholds``: predicting positive for ``score >= thresholds[i]`` gives
    ``fps[i]`` false and ``tps[i]`` true positives. Tied scores share one threshold.
    """
    y_true, y_score = _pair(y_true, y_score, "y_score")
    y_score = y_score.astype(np.float64)
    classes = np.unique(y_true)
    if pos_label is None:
        require(len(classes) <= 2 and set(classes.tolist()) <= {0, 1, -1},
                "y_true must hold labels {0, 1} or {-1, 1}, or pass pos_label")
        pos_label = 1
    positive = (y_true == pos_label).astype(np.float64)
    order = np.argsort(y_score, kind="mergesort")[::-1]
    scores, positive = y_score[order], positive[order]
    # the last index of each run of equal scores: a threshold takes a whole tie group at once
    last_of_group = np.r_[np.flatnonzero(np.diff(scores)), len(scores) - 1]
    tps = np.cumsum(positive)[last_of_group]
    fps = (last_of_group + 1) - tps
    return fps, tps, scores[last_of_group]


def roc_curve(y_true: Any, y_score: Any, *, pos_label: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False and true positive rates at every distinct threshold, plus the (0, 0) corner.

    Returns ``fpr, tpr, thresholds`` of length n_distinct_scores + 1, thresholds decreasing and
    ``thresholds[0] = inf`` (predict nothing positive). No point is dropped, unlike scikit-learn's
    default ``drop_intermediate=True``; pass that as False there to compare point by point.
    """
    fps, tps, thresholds = _binary_counts(y_true, y_score, pos_label)
    require(tps[-1] > 0 and fps[-1] > 0, "ROC needs both positive and negative samples in y_true")
    fpr = np.r_[0.0, fps] / fps[-1]
    tpr = np.r_[0.0, tps] / tps[-1]
    return fpr, tpr, np.r_[np.inf, thresholds]


def auc(x: Any, y: Any) -> float:
    """Area under a curve by the trapezoidal rule; ``x`` must be monotonic (either direction)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    dx = np.diff(x)
    require(bool(np.all(dx >= 0) or np.all(dx <= 0)), "auc needs x sorted (increasing or decreasing)")
    area = float(np.sum(dx * (y[1:] + y[:-1]) / 2))
    return abs(area)


def roc_auc_score(y_true: Any, y_score: Any, *, pos_label: Any = None) -> float:
    """Area under the ROC curve: P(score of a random positive > score of a random negative).

    Ties between a positive and a negative count one half (the trapezoid through the tie group).
    0.5 is chance, 1 is a perfect ranking. Binary ``y_true`` only.
    """
    fpr, tpr, _ = roc_curve(y_true, y_score, pos_label=pos_label)
    return auc(fpr, tpr)


def precision_recall_curve(
    y_true: Any, y_score: Any, *, pos_label: Any = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision and recall at every distinct threshold, ordered by increasing threshold.

    Returns ``precision, recall, thresholds`` with ``len(thresholds) + 1`` points: the last point is
    (precision 1, recall 0), the "predict nothing" end, as in scikit-learn.
    """
    fps, tps, thresholds = _binary_counts(y_true, y_score, pos_label)
    require(tps[-1] > 0, "precision-recall needs at least one positive sample in y_true")
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def average_precision_score(y_true: Any, y_score: Any, *, pos_label: Any = None) -> float:
    """PR-AUC as average precision: sum over thresholds of (R_k - R_{k-1}) * P_k.

    A step-wise sum, not the trapezoid: interpolating linearly between PR points over-states the
    area because precision does not vary linearly with recall. Chance level is the positive rate.
    """
    precision, recall, _ = precision_recall_curve(y_true, y_score, pos_label=pos_label)
    return float(-np.sum(np.diff(recall) * precision[:-1]))


pr_auc_score = average_precision_score


def log_loss(y_true: Any, y_prob: Any, *, labels: Any = None) -> float:
    """Mean negative log-likelihood (natural log, nats per sample) of the true labels.

    ``y_prob`` is (n_samples, n_classes) with columns in sorted label order (``labels`` or the
    labels in ``y_true``), or (n_samples,) holding P(larger label) for binary data.
    """
    y_true = _labels_1d(y_true, "y_true")
    probabilities = np.asarray(y_prob, dtype=np.float64)
    classes = np.unique(y_true) if labels is None else np.asarray(labels)
    if probabilities.ndim == 1:
        require(len(classes) <= 2, "a 1-D y_prob is only valid for binary labels")
        probabilities = np.column_stack([1 - probabilities, probabilities])
    require(len(probabilities) == len(y_true), "y_prob and y_true differ in length")
    if len(classes) == 1 and probabilities.shape[1] == 2:
        raise ModelInputError("y_true holds a single class; pass labels=[...] to say which column it is")
    require(probabilities.shape[1] == len(classes),
            f"y_prob has {probabilities.shape[1]} columns for {len(classes)} classes")
    codes = np.searchsorted(classes, y_true)
    require(bool(np.all(classes[np.minimum(codes, len(classes) - 1)] == y_true)), "y_true has labels not in labels")
    picked = np.clip(probabilities[np.arange(len(y_true)), codes], LOG_LOSS_EPS, 1 - LOG_LOSS_EPS)
    return float(-np.mean(np.log(picked)))


# --- regression ---------------------------------------------------------------------------------

def mean_squared_error(y_true: Any, y_pred: Any) -> float:
    """Mean of squared residuals, in squared units of y."""
    y_true, y_pred = _pair(y_true, y_pred, "y_pred")
    return float(np.mean((y_true.astype(float) - y_pred.astype(float)) ** 2))


def mean_absolute_error(y_true: Any, y_pred: Any) -> float:
    """Mean of absolute residuals, in units of y."""
    y_true, y_pred = _pair(y_true, y_pred, "y_pred")
    return float(np.mean(np.abs(y_true.astype(float) - y_pred.astype(float))))


def r2_score(y_true: Any, y_pred: Any) -> float:
    """1 - SS_residual / SS_total. 1 is perfect, 0 matches predicting the mean, negative is worse.

    A constant ``y_true`` gives 1.0 if predicted exactly, else 0.0 (scikit-learn's convention).
    """
    y_true, y_pred = _pair(y_true, y_pred, "y_pred")
    y_true, y_pred = y_true.astype(float), y_pred.astype(float)
    residual = float(np.sum((y_true - y_pred) ** 2))
    total = float(np.sum((y_true - y_true.mean()) ** 2))
    if total == 0.0:
        return 1.0 if residual == 0.0 else 0.0
    return 1.0 - residual / total
