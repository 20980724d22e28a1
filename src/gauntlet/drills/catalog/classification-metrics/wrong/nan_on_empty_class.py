# expect: wrong_answer
# Divides without guarding 0/0: a class that is never predicted (or absent) gets NaN, and the macro
# average becomes NaN with it.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    y_true, y_pred = np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def precision_recall_f1(y_true, y_pred, n_classes, average="macro"):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm).astype(float)
    fp, fn = cm.sum(axis=0) - tp, cm.sum(axis=1) - tp
    if average == "micro":
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        p, r = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * p * r / (p + r)
    if average == "none":
        return {"precision": p, "recall": r, "f1": f1}
    if average == "micro":
        return {"precision": float(p), "recall": float(r), "f1": float(f1)}
    w = np.ones(n_classes) if average == "macro" else cm.sum(axis=1).astype(float)
    return {k: float(v @ w / w.sum()) for k, v in (("precision", p), ("recall", r), ("f1", f1))}
