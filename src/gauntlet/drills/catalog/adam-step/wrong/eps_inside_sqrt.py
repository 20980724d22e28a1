# expect: wrong_answer
# Puts eps under the square root, sqrt(v_hat + eps): harmless for large gradients, but a gradient of 1e-10
# then moves by lr * 1e-6 instead of ~lr / 100.
import numpy as np


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=True):
    theta, grad, m, v = (np.asarray(a, dtype=np.float64) for a in (theta, grad, m, v))
    if not decoupled:
        grad = grad + weight_decay * theta
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    step = m_hat / np.sqrt(v_hat + eps)
    if decoupled:
        step = step + weight_decay * theta
    return theta - lr * step, m, v
