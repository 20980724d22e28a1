# expect: wrong_answer
# Sorts by score and steps the ROC curve one sample at a time: inside a block of tied scores the curve
# follows whatever order the sort left the labels in, instead of one diagonal segment.
import numpy as np


def roc_auc(y_true, scores):
    y_true = np.asarray(y_true).astype(int)
    scores = np.asarray(scores, dtype=float)
    n_pos = y_true.sum()
    n_neg = len(y_true) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(-scores, kind="stable")
    tpr = np.r_[0.0, np.cumsum(y_true[order]) / n_pos]
    fpr = np.r_[0.0, np.cumsum(1 - y_true[order]) / n_neg]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
