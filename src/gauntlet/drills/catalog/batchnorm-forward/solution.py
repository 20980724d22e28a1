import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    x = np.asarray(x, dtype=np.float64)
    running_mean = np.asarray(running_mean, dtype=np.float64)
    running_var = np.asarray(running_var, dtype=np.float64)
    # reduce over every axis except the channel axis; reshape (C,) parameters to broadcast along axis 1
    axes = (0,) + tuple(range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)

    def per_channel(v):
        return np.asarray(v, dtype=np.float64).reshape(shape)

    if training:
        m = x.size // x.shape[1]
        mean = x.mean(axis=axes)
        var = ((x - per_channel(mean)) ** 2).mean(axis=axes)  # two passes: no cancellation
        new_mean = (1.0 - momentum) * running_mean + momentum * mean
        new_var = (1.0 - momentum) * running_var + momentum * var * m / (m - 1)
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()

    x_hat = (x - per_channel(mean)) / np.sqrt(per_channel(var) + eps)
    return per_channel(gamma) * x_hat + per_channel(beta), new_mean, new_var
