# expect: wrong_answer
# Reports the mean loss but back-propagates the summed loss (no 1/N on dZ): every data gradient is N times
# too large. Invisible with a batch of one.
import numpy as np


def two_layer_forward_backward(X, y, W1, b1, W2, b2, reg=0.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=int)
    n = len(y)
    a = X @ W1 + b1
    h = np.maximum(a, 0)
    z = h @ W2 + b2
    z = z - z.max(1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(1, keepdims=True))
    loss = -logp[np.arange(n), y].mean() + 0.5 * reg * (np.sum(W1**2) + np.sum(W2**2))
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    da = (dz @ W2.T) * (a > 0)
    return float(loss), {
        "W1": X.T @ da + reg * W1,
        "b1": da.sum(0),
        "W2": h.T @ dz + reg * W2,
        "b2": dz.sum(0),
    }
