import numpy as np


def two_layer_forward_backward(X, y, W1, b1, W2, b2, reg=0.0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    W1, b1, W2, b2 = (np.asarray(p, dtype=np.float64) for p in (W1, b1, W2, b2))
    n = X.shape[0]
    rows = np.arange(n)

    pre = X @ W1 + b1
    hidden = np.maximum(pre, 0.0)
    logits = hidden @ W2 + b2
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[rows, y].mean() + 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

    d_logits = np.exp(log_probs)
    d_logits[rows, y] -= 1.0
    d_logits /= n
    grads = {
        "W2": hidden.T @ d_logits + reg * W2,
        "b2": d_logits.sum(axis=0),
    }
    # the mask looks at the pre-activation: the ReLU output is never negative
    d_pre = (d_logits @ W2.T) * (pre > 0)
    grads["W1"] = X.T @ d_pre + reg * W1
    grads["b1"] = d_pre.sum(axis=0)
    return float(loss), grads
