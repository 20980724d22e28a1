import numpy as np


def log_softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    shifted = z - z.max(axis=-1, keepdims=True)
    # after the shift the largest term is exp(0) = 1, so the sum is >= 1 and its log is finite
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(logits):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy(logits, labels):
    log_p = log_softmax(logits)
    labels = np.asarray(labels, dtype=np.int64)
    n = log_p.shape[0]
    rows = np.arange(n)
    loss = -log_p[rows, labels].mean()
    grad = np.exp(log_p)
    grad[rows, labels] -= 1.0
    return float(loss), grad / n
