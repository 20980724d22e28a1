# expect: wrong_answer
# Builds the ReLU mask from the ReLU *output* with >= 0, which is always true: gradients flow through
# inactive units as if there were no ReLU.
import numpy as np


def two_layer_forward_backward(X, y, W1, b1, W2, b2, reg=0.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=int)
    n = len(y)
    h = np.maximum(X @ W1 + b1, 0)
    z = h @ W2 + b2
    z = z - z.max(1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(1, keepdims=True))
    loss = -logp[np.arange(n), y].mean() + 0.5 * reg * (np.sum(W1**2) + np.sum(W2**2))
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    dz /= n
    dh = (dz @ W2.T) * (h >= 0)
    return float(loss), {
        "W1": X.T @ dh + reg * W1,
        "b1": dh.sum(0),
        "W2": h.T @ dz + reg * W2,
        "b2": dz.sum(0),
    }
