# expect: wrong_answer
# Macro F1 computed as the harmonic mean of macro precision and macro recall (a frequent mistake; it is
# not the mean of the per-class F1 scores). Weighted F1 makes the same mistake.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    y_true, y_pred = np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def _div(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


def precision_recall_f1(y_true, y_pred, n_classes, average="macro"):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm).astype(float)
    fp, fn = cm.sum(axis=0) - tp, cm.sum(axis=1) - tp
    if average == "micro":
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
    p, r = _div(tp, tp + fp), _div(tp, tp + fn)
    if average in ("none", "micro"):
        f1 = _div(2 * p * r, p + r)
        if average == "none":
            return {"precision": p, "recall": r, "f1": f1}
        return {"precision": float(p), "recall": float(r), "f1": float(f1)}
    w = np.ones(n_classes) if average == "macro" else cm.sum(axis=1).astype(float)
    if w.sum() == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    mp, mr = float(p @ w / w.sum()), float(r @ w / w.sum())
    return {"precision": mp, "recall": mr, "f1": 2 * mp * mr / (mp + mr) if mp + mr > 0 else 0.0}
