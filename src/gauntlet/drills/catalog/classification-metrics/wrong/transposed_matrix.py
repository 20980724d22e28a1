# expect: wrong_answer
# Builds the matrix with rows = prediction: the counts are transposed, so precision and recall swap.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[p, t] += 1
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
    f1 = _div(2 * p * r, p + r)
    if average == "none":
        return {"precision": p, "recall": r, "f1": f1}
    if average == "micro":
        return {"precision": float(p), "recall": float(r), "f1": float(f1)}
    w = np.ones(n_classes) if average == "macro" else cm.sum(axis=0).astype(float)
    if w.sum() == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {k: float(v @ w / w.sum()) for k, v in (("precision", p), ("recall", r), ("f1", f1))}
