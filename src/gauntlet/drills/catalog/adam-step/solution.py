import numpy as np


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=True):
    theta, grad, m, v = (np.asarray(a, dtype=np.float64) for a in (theta, grad, m, v))
    if not decoupled:
        grad = grad + weight_decay * theta  # L2: the penalty's gradient goes through the moments
    m_new = beta1 * m + (1.0 - beta1) * grad
    v_new = beta2 * v + (1.0 - beta2) * grad * grad
    m_hat = m_new / (1.0 - beta1**t)
    v_hat = v_new / (1.0 - beta2**t)
    step = m_hat / (np.sqrt(v_hat) + eps)
    if decoupled:
        step = step + weight_decay * theta  # AdamW: decay outside the adaptive scaling
    return theta - lr * step, m_new, v_new
