# Slow but correct: row by row and entry by entry with math.exp and math.log in Python loops (log-sum-exp
# recomputed for each function), instead of NumPy operations along the last axis.
import math

import numpy as np


def _log_sum_exp(row):
    top = max(row)
    total = 0.0
    for value in row:
        total += math.exp(value - top)  # exp(-inf) is 0: a masked class adds nothing
    return top + math.log(total)


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    rows = z.reshape(-1, z.shape[-1]).tolist()
    out = []
    for row in rows:
        log_norm = _log_sum_exp(row)
        out.append([value - log_norm for value in row])
    return np.array(out, dtype=np.float64).reshape(z.shape)


def softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    rows = z.reshape(-1, z.shape[-1]).tolist()
    out = []
    for row in rows:
        top = max(row)
        exps = [math.exp(value - top) for value in row]
        total = sum(exps)
        out.append([e / total for e in exps])
    return np.array(out, dtype=np.float64).reshape(z.shape)


def cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    rows = z.tolist()
    labels = [int(label) for label in labels]
    n = len(rows)
    loss = 0.0
    grad = []
    for row, label in zip(rows, labels):
        log_norm = _log_sum_exp(row)
        loss -= row[label] - log_norm
        grad_row = []
        for j, value in enumerate(row):
            probability = math.exp(value - log_norm)
            grad_row.append((probability - (1.0 if j == label else 0.0)) / n)
        grad.append(grad_row)
    return loss / n, np.array(grad, dtype=np.float64)
