# expect: wrong_answer
# Feeds the biased batch variance (divide by m) into the running average, so the inference-time variance
# is systematically too small by (m - 1) / m.
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    x = np.asarray(x, dtype=float)
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    rm, rv = np.asarray(running_mean, dtype=float), np.asarray(running_var, dtype=float)
    if training:
        mean, var = x.mean(axis=axes), x.var(axis=axes)
        rm, rv = (1 - momentum) * rm + momentum * mean, (1 - momentum) * rv + momentum * var
    else:
        mean, var = rm, rv
    x_hat = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    return np.asarray(gamma).reshape(shape) * x_hat + np.asarray(beta).reshape(shape), rm, rv
