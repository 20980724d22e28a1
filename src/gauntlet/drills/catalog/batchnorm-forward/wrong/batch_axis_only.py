# expect: wrong_answer
# Reduces over axis 0 only: for (N, C, H, W) input this normalises every (channel, position) separately
# instead of pooling the spatial positions of a channel. Right for (N, C) input, wrong for conv input.
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    x = np.asarray(x, dtype=float)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    rm, rv = np.asarray(running_mean, dtype=float), np.asarray(running_var, dtype=float)
    if training:
        n = x.shape[0]
        mean = x.mean(axis=0, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=0, keepdims=True)
        x_hat = (x - mean) / np.sqrt(var + eps)
        channel_mean = mean.reshape(x.shape[1], -1).mean(axis=1)
        channel_var = var.reshape(x.shape[1], -1).mean(axis=1) * n / (n - 1)
        rm = (1 - momentum) * rm + momentum * channel_mean
        rv = (1 - momentum) * rv + momentum * channel_var
    else:
        x_hat = (x - rm.reshape(shape)) / np.sqrt(rv.reshape(shape) + eps)
    return np.asarray(gamma).reshape(shape) * x_hat + np.asarray(beta).reshape(shape), rm, rv
