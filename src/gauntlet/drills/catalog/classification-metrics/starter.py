import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """Count (true class, predicted class) pairs.

    Args:
        y_true: 1-D ints in [0, n_classes), length n >= 0.
        y_pred: 1-D ints in [0, n_classes), same length.
        n_classes: K >= 1.

    Returns:
        int array (K, K); entry [i, j] counts samples of true class i predicted as class j.
    """
    raise NotImplementedError


def precision_recall_f1(y_true, y_pred, n_classes, average="macro"):
    """Precision, recall and F1 with the 0/0 -> 0.0 convention.

    Args:
        y_true: 1-D ints in [0, n_classes), length n >= 0.
        y_pred: 1-D ints in [0, n_classes), same length.
        n_classes: K >= 1; every class 0..K-1 counts in the averages, present or not.
        average: "none" (per class), "macro" (plain mean over classes), "weighted" (mean weighted by
            each class's true count) or "micro" (from pooled TP/FP/FN).

    Returns:
        dict with keys "precision", "recall", "f1": floats, or float arrays (K,) for average="none".
    """
    raise NotImplementedError
