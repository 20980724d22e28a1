# expect: wrong_answer
# Stable softmax, but the loss takes log(softmax): a probability that underflows to 0 gives -log(0) = inf
# instead of the finite true loss.
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(logits):
    with np.errstate(divide="ignore"):
        return np.log(softmax(logits))


def cross_entropy(logits, labels):
    p = softmax(logits)
    labels = np.asarray(labels, dtype=int)
    n = p.shape[0]
    with np.errstate(divide="ignore"):
        loss = -np.log(p[np.arange(n), labels]).mean()
    grad = p.copy()
    grad[np.arange(n), labels] -= 1.0
    return float(loss), grad / n
