import numpy as np


def adam_step(theta, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=True):
    """One Adam (decoupled=False: L2 added to the gradient) or AdamW (decoupled=True) update.

    Args:
        theta, grad, m, v: float arrays of one shape (float32 or float64); m, v are the state after step t - 1.
        t: this step's number, >= 1 (bias correction uses beta ** t).
        lr, beta1, beta2, eps: the usual hyper-parameters; eps is added outside the square root.
        weight_decay: lambda >= 0.
        decoupled: True -> theta -= lr * lambda * theta next to the adaptive step (AdamW);
            False -> grad += lambda * theta before the moments are updated (Adam + L2).

    Returns:
        (theta_new, m_new, v_new): float64 arrays of theta's shape.
    """
    raise NotImplementedError
