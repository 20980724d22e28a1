import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    # one bincount over the flattened (true, pred) cell index
    flat = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return flat.reshape(n_classes, n_classes)


def _safe_divide(num, den):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def precision_recall_f1(y_true, y_pred, n_classes, average="macro"):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm).astype(np.float64)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp

    if average == "micro":
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
    precision = _safe_divide(tp, tp + fp)
    recall = _safe_divide(tp, tp + fn)
    f1 = _safe_divide(2 * precision * recall, precision + recall)

    if average == "none":
        return {"precision": precision, "recall": recall, "f1": f1}
    if average == "micro":
        return {"precision": float(precision), "recall": float(recall), "f1": float(f1)}
    if average == "macro":
        weights = np.ones(n_classes)
    elif average == "weighted":
        weights = cm.sum(axis=1).astype(np.float64)
    else:
        raise ValueError(f"unknown average {average!r}")
    total = weights.sum()

    def mean(values):
        return float(values @ weights / total) if total > 0 else 0.0

    return {"precision": mean(precision), "recall": mean(recall), "f1": mean(f1)}
