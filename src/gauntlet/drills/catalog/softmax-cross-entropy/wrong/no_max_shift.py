# expect: wrong_answer
# Textbook formula without the max subtraction: exp(1000) overflows to inf and inf / inf is NaN.
import numpy as np


def softmax(logits):
    e = np.exp(np.asarray(logits, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def cross_entropy(logits, labels):
    p = softmax(logits)
    labels = np.asarray(labels, dtype=int)
    n = p.shape[0]
    loss = -np.log(p[np.arange(n), labels]).mean()
    grad = p.copy()
    grad[np.arange(n), labels] -= 1.0
    return float(loss), grad / n
