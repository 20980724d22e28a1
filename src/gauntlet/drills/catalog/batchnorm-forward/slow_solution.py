# Slow but correct: per channel, Python loops over every element (np.ndindex) for the mean, the variance
# and the output, instead of NumPy reductions along the batch and spatial axes.
import math

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    x = np.array(x, dtype=np.float64)
    channels = x.shape[1]
    out = np.zeros(x.shape)
    new_mean = np.zeros(channels)
    new_var = np.zeros(channels)
    for c in range(channels):
        values = [float(x[index]) for index in np.ndindex(x.shape) if index[1] == c]
        if training:
            m = len(values)
            total = 0.0
            for value in values:
                total += value
            mean = total / m
            squares = 0.0
            for value in values:
                squares += (value - mean) ** 2
            var = squares / m
            new_mean[c] = (1.0 - momentum) * float(running_mean[c]) + momentum * mean
            new_var[c] = (1.0 - momentum) * float(running_var[c]) + momentum * var * m / (m - 1)
        else:
            mean = float(running_mean[c])
            var = float(running_var[c])
            new_mean[c] = mean
            new_var[c] = var
        scale = math.sqrt(var + eps)
        for index in np.ndindex(x.shape):
            if index[1] == c:
                out[index] = float(gamma[c]) * (float(x[index]) - mean) / scale + float(beta[c])
    return out, new_mean, new_var
