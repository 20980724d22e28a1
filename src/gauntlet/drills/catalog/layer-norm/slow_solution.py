# Slow but correct: row by row and feature by feature in Python loops (means, variance, every output and
# gradient entry one number at a time), instead of NumPy reductions over the last axis.
import math

import numpy as np


def _row_statistics(row, eps):
    d = len(row)
    mean = 0.0
    for value in row:
        mean += value
    mean /= d
    variance = 0.0
    for value in row:
        variance += (value - mean) ** 2
    variance /= d
    std = math.sqrt(variance + eps)
    return [(value - mean) / std for value in row], std


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    rows = x.reshape(-1, d).tolist()
    gamma = [float(g) for g in gamma]
    beta = [float(b) for b in beta]
    out = []
    for row in rows:
        x_hat, _ = _row_statistics(row, eps)
        out.append([gamma[k] * x_hat[k] + beta[k] for k in range(d)])
    return np.array(out, dtype=np.float64).reshape(x.shape)


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[-1]
    rows = x.reshape(-1, d).tolist()
    grads = np.asarray(dy, dtype=np.float64).reshape(-1, d).tolist()
    gamma = [float(g) for g in gamma]
    dgamma = [0.0] * d
    dbeta = [0.0] * d
    dx = []
    for row, grad in zip(rows, grads):
        x_hat, std = _row_statistics(row, eps)
        for k in range(d):
            dbeta[k] += grad[k]
            dgamma[k] += grad[k] * x_hat[k]
        g = [grad[k] * gamma[k] for k in range(d)]
        mean_g = sum(g) / d
        mean_g_xhat = sum(g[k] * x_hat[k] for k in range(d)) / d
        dx.append([(g[k] - mean_g - x_hat[k] * mean_g_xhat) / std for k in range(d)])
    return (np.array(dx, dtype=np.float64).reshape(x.shape), np.array(dgamma, dtype=np.float64),
            np.array(dbeta, dtype=np.float64))
