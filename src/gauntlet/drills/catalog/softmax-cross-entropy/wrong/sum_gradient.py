# expect: wrong_answer
# Reports the mean loss but returns the gradient of the summed loss (no 1/n): n times too large.
import numpy as np


def softmax(logits):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(logits):
    z = np.asarray(logits, dtype=float)
    s = z - z.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def cross_entropy(logits, labels):
    labels = np.asarray(labels, dtype=int)
    rows = np.arange(len(labels))
    loss = -log_softmax(logits)[rows, labels].mean()
    grad = softmax(logits)
    grad[rows, labels] -= 1.0
    return float(loss), grad
