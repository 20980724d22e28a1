# expect: wrong_answer
# Variance as E[x^2] - E[x]^2: algebraically right, numerically catastrophic when the activations have a
# large offset (the difference of two ~1e16 numbers).
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    x = np.asarray(x, dtype=float)
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    rm, rv = np.asarray(running_mean, dtype=float), np.asarray(running_var, dtype=float)
    if training:
        m = x.size // x.shape[1]
        mean = x.mean(axis=axes)
        var = (x**2).mean(axis=axes) - mean**2
        rm = (1 - momentum) * rm + momentum * mean
        rv = (1 - momentum) * rv + momentum * var * m / (m - 1)
    else:
        mean, var = rm, rv
    with np.errstate(invalid="ignore"):
        x_hat = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    return np.asarray(gamma).reshape(shape) * x_hat + np.asarray(beta).reshape(shape), rm, rv
