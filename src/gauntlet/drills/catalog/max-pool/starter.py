import numpy as np


def max_pool2d(x, kernel_size, stride=None):
    """Max over every (kh, kw) window, channel by channel.

    Args:
        x: float array (N, C, H, W); no NaN.
        kernel_size: int or (kh, kw).
        stride: int, (sh, sw), or None for stride = kernel_size.

    Returns:
        array (N, C, H_out, W_out) with x's dtype; H_out = (H - kh) // sh + 1.
    """
    raise NotImplementedError


def max_pool2d_backward(grad_out, x, kernel_size, stride=None):
    """Gradient of the loss w.r.t. x: each grad_out value goes to its window's argmax (first in row-major
    order on ties); overlapping windows add up.

    Returns:
        array of x's shape and grad_out's dtype.
    """
    raise NotImplementedError
