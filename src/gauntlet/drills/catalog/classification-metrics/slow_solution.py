# Slow but correct: the confusion matrix is filled one sample at a time in a Python loop, and every
# per-class count is re-summed from the matrix with Python loops instead of bincount and axis sums.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    cm = [[0] * n_classes for _ in range(n_classes)]
    for truth, guess in zip(y_true, y_pred):
        cm[int(truth)][int(guess)] += 1
    return np.array(cm, dtype=np.int64).reshape(n_classes, n_classes)


def _ratio(num, den):
    return num / den if den != 0 else 0.0


def _per_class(cm, n_classes):
    tp, fp, fn, support = [], [], [], []
    for c in range(n_classes):
        column = 0
        row = 0
        for other in range(n_classes):
            column += int(cm[other][c])
            row += int(cm[c][other])
        tp.append(int(cm[c][c]))
        fp.append(column - int(cm[c][c]))
        fn.append(row - int(cm[c][c]))
        support.append(row)
    return tp, fp, fn, support


def precision_recall_f1(y_true, y_pred, n_classes, average="macro"):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp, fp, fn, support = _per_class(cm, n_classes)
    if average == "micro":
        all_tp, all_fp, all_fn = sum(tp), sum(fp), sum(fn)
        precision = _ratio(all_tp, all_tp + all_fp)
        recall = _ratio(all_tp, all_tp + all_fn)
        return {"precision": precision, "recall": recall,
                "f1": _ratio(2 * precision * recall, precision + recall)}
    precision = [_ratio(tp[c], tp[c] + fp[c]) for c in range(n_classes)]
    recall = [_ratio(tp[c], tp[c] + fn[c]) for c in range(n_classes)]
    f1 = [_ratio(2 * precision[c] * recall[c], precision[c] + recall[c]) for c in range(n_classes)]
    if average == "none":
        return {"precision": np.array(precision, dtype=np.float64), "recall": np.array(recall, dtype=np.float64),
                "f1": np.array(f1, dtype=np.float64)}
    if average == "macro":
        weights = [1.0] * n_classes
    elif average == "weighted":
        weights = [float(s) for s in support]
    else:
        raise ValueError(f"unknown average {average!r}")
    total = sum(weights)

    def mean(values):
        if total == 0:
            return 0.0
        return sum(v * w for v, w in zip(values, weights)) / total

    return {"precision": mean(precision), "recall": mean(recall), "f1": mean(f1)}
