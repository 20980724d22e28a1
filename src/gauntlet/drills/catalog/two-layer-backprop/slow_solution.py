# Slow but correct: every matrix product of the forward and backward passes is a triple Python loop over
# plain lists, one multiply-add at a time, instead of NumPy matrix products.
import math

import numpy as np


def _matmul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    out = [[0.0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            total = 0.0
            for t in range(inner):
                total += a[i][t] * b[t][j]
            out[i][j] = total
    return out


def _transpose(a):
    return [list(column) for column in zip(*a)]


def two_layer_forward_backward(X, y, W1, b1, W2, b2, reg=0.0):
    X = np.asarray(X, dtype=np.float64).tolist()
    y = [int(label) for label in y]
    W1 = np.asarray(W1, dtype=np.float64).tolist()
    b1 = [float(v) for v in b1]
    W2 = np.asarray(W2, dtype=np.float64).tolist()
    b2 = [float(v) for v in b2]
    n, h, k = len(X), len(b1), len(b2)

    pre = [[value + b1[j] for j, value in enumerate(row)] for row in _matmul(X, W1)]
    hidden = [[max(value, 0.0) for value in row] for row in pre]
    logits = [[value + b2[j] for j, value in enumerate(row)] for row in _matmul(hidden, W2)]
    loss = 0.0
    d_logits = []
    for row, label in zip(logits, y):
        top = max(row)
        log_norm = top + math.log(sum(math.exp(value - top) for value in row))
        loss -= row[label] - log_norm
        d_logits.append([(math.exp(value - log_norm) - (1.0 if j == label else 0.0)) / n
                         for j, value in enumerate(row)])
    loss /= n
    squares = sum(w * w for row in W1 for w in row) + sum(w * w for row in W2 for w in row)
    loss += 0.5 * reg * squares

    d_w2 = _matmul(_transpose(hidden), d_logits)
    d_w2 = [[d_w2[i][j] + reg * W2[i][j] for j in range(k)] for i in range(h)]
    d_b2 = [sum(d_logits[i][j] for i in range(n)) for j in range(k)]
    d_hidden = _matmul(d_logits, _transpose(W2))
    d_pre = [[d_hidden[i][j] if pre[i][j] > 0 else 0.0 for j in range(h)] for i in range(n)]
    d_w1 = _matmul(_transpose(X), d_pre)
    d_w1 = [[d_w1[i][j] + reg * W1[i][j] for j in range(h)] for i in range(len(W1))]
    d_b1 = [sum(d_pre[i][j] for i in range(n)) for j in range(h)]
    grads = {
        "W1": np.array(d_w1, dtype=np.float64).reshape(len(W1), h),
        "b1": np.array(d_b1, dtype=np.float64),
        "W2": np.array(d_w2, dtype=np.float64).reshape(h, k),
        "b2": np.array(d_b2, dtype=np.float64),
    }
    return float(loss), grads
