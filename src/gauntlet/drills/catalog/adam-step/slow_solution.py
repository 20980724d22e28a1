# Slow but correct: one Python loop over every parameter (np.ndindex), updating each scalar on its own
# instead of whole-array NumPy operations.
import math

import numpy as np


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=True):
    theta = np.array(theta, dtype=np.float64)
    grad = np.array(grad, dtype=np.float64)
    m = np.array(m, dtype=np.float64)
    v = np.array(v, dtype=np.float64)
    new_theta = np.zeros(theta.shape)
    new_m = np.zeros(theta.shape)
    new_v = np.zeros(theta.shape)
    for index in np.ndindex(theta.shape):
        p = float(theta[index])
        g = float(grad[index])
        if not decoupled:
            g = g + weight_decay * p
        first = beta1 * float(m[index]) + (1.0 - beta1) * g
        second = beta2 * float(v[index]) + (1.0 - beta2) * g * g
        first_hat = first / (1.0 - beta1 ** t)
        second_hat = second / (1.0 - beta2 ** t)
        update = first_hat / (math.sqrt(second_hat) + eps)
        if decoupled:
            update = update + weight_decay * p
        new_theta[index] = p - lr * update
        new_m[index] = first
        new_v[index] = second
    return new_theta, new_m, new_v
