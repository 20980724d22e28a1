import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    """Batch normalisation over every axis but the channel axis 1.

    Training: normalise with the batch mean and biased variance; update
    running_mean = (1 - momentum) * running_mean + momentum * batch_mean and
    running_var = (1 - momentum) * running_var + momentum * unbiased_batch_var.
    Inference: normalise with the running statistics, which are returned unchanged.

    Args:
        x: float array (N, C) or (N, C, *spatial); in training, N * prod(spatial) >= 2.
        gamma: float array (C,), scale.
        beta: float array (C,), shift.
        running_mean: float array (C,).
        running_var: float array (C,).
        momentum: weight of the new batch in the running averages.
        eps: added to the variance before the square root.
        training: use batch statistics (True) or running statistics (False).

    Returns:
        (out, new_running_mean, new_running_var): float64 arrays of shapes x.shape, (C,), (C,).
    """
    raise NotImplementedError
