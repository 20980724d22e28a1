# expect: wrong_answer
# Skips the bias correction: early steps use m and v straight from their zero start, so the first step is
# (1 - beta1) / sqrt(1 - beta2) ~ 3 times larger than it should be.
import numpy as np


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=True):
    theta, grad, m, v = (np.asarray(a, dtype=np.float64) for a in (theta, grad, m, v))
    if not decoupled:
        grad = grad + weight_decay * theta
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    step = m / (np.sqrt(v) + eps)
    if decoupled:
        step = step + weight_decay * theta
    return theta - lr * step, m, v
