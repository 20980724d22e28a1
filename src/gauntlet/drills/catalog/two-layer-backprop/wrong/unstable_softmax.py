# expect: wrong_answer
# Correct calculus, naive softmax: exp of logits in the thousands overflows, the loss and gradients are NaN.
import numpy as np


def two_layer_forward_backward(X, y, W1, b1, W2, b2, reg=0.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=int)
    n = len(y)
    a = X @ W1 + b1
    h = np.maximum(a, 0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(h @ W2 + b2)
        p = e / e.sum(1, keepdims=True)
        loss = -np.log(p[np.arange(n), y]).mean() + 0.5 * reg * (np.sum(W1**2) + np.sum(W2**2))
    dz = p.copy()
    dz[np.arange(n), y] -= 1
    dz /= n
    da = (dz @ W2.T) * (a > 0)
    return float(loss), {
        "W1": X.T @ da + reg * W1,
        "b1": da.sum(0),
        "W2": h.T @ dz + reg * W2,
        "b2": dz.sum(0),
    }
